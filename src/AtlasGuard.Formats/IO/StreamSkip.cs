using System.Buffers;

namespace AtlasGuard.Formats.IO;

/// <summary>Moving forward in streams that may not seek.</summary>
public static class StreamSkip
{
    /// <summary>
    /// Moves <paramref name="count"/> bytes forward: seeks when the stream can, otherwise reads and discards.
    /// Returns how many bytes were skipped, which is less than <paramref name="count"/> only at the end of the stream.
    /// </summary>
    public static long Skip(Stream stream, long count)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return 0;
        }

        if (stream.CanSeek)
        {
            var available = Math.Max(0, stream.Length - stream.Position);
            var step = Math.Min(count, available);
            stream.Seek(step, SeekOrigin.Current);
            return step;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long skipped = 0;
            while (skipped < count)
            {
                var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count - skipped));
                if (read == 0)
                {
                    break;
                }

                skipped += read;
            }

            return skipped;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static int ReadAtMost(Stream stream, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
