using System.Buffers;
using System.Text;

namespace AtlasGuard.Formats.Text;

/// <summary>
/// A text file read with a byte bound and decoded as UTF-8 (a byte-order mark is dropped, invalid bytes become
/// U+FFFD). <see cref="LooksBinary"/> says when the bytes are not text at all, so that text rules can leave the
/// file alone instead of matching noise.
/// </summary>
public sealed class TextContent
{
    private (ArrayPool<byte> Pool, byte[] Buffer)? _pooled;

    private TextContent(string text, ReadOnlyMemory<byte> bytes, bool truncated, bool looksBinary, int invalidBytes)
    {
        Text = text;
        Bytes = bytes;
        Truncated = truncated;
        LooksBinary = looksBinary;
        InvalidBytes = invalidBytes;
    }

    /// <summary>The decoded text (of the first <c>maxBytes</c> when truncated); empty when not decoded.</summary>
    public string Text { get; }

    /// <summary>The bytes read (without a byte-order mark).</summary>
    public ReadOnlyMemory<byte> Bytes { get; private set; }

    /// <summary>Whether the file was longer than the bound and only its start was read.</summary>
    public bool Truncated { get; }

    /// <summary>Whether the head holds NUL bytes or more than a quarter invalid UTF-8: a binary file, whatever its name says.</summary>
    public bool LooksBinary { get; }

    /// <summary>How many invalid UTF-8 sequences the first 64 KiB held (counted only there).</summary>
    public int InvalidBytes { get; }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes of <paramref name="stream"/>, decoded as text unless
    /// <paramref name="decode"/> is false (for callers that parse the bytes themselves).
    /// </summary>
    public static ValueTask<TextContent> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken = default, bool decode = true) =>
        ReadAsync(stream, maxBytes, null, cancellationToken, decode);

    /// <summary>
    /// Reads as <see cref="ReadAsync(Stream, long, CancellationToken, bool)"/> does, into a buffer rented from
    /// <paramref name="pool"/> when one is given: the caller gives it back with <see cref="Release"/> once done with
    /// <see cref="Bytes"/>, so that reading many files does not allocate a large buffer for each.
    /// </summary>
    public static async ValueTask<TextContent> ReadAsync(Stream stream, long maxBytes, ArrayPool<byte>? pool, CancellationToken cancellationToken = default,
        bool decode = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);

        // One buffer of the file's size when the stream knows it (files on disk), grown by doubling otherwise; one
        // byte more than the limit is asked for, to tell a file at the limit from a longer one.
        var expected = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : 64 * 1024;
        var size = (int)Math.Min(Math.Min(expected, limit) + 1, Array.MaxLength);
        var buffer = pool is null ? new byte[size] : pool.Rent(size);
        var length = 0;
        var truncated = false;
        while (true)
        {
            if (length == Math.Min(buffer.Length, limit + 1L))
            {
                if (length > limit)
                {
                    truncated = true;
                    length = limit;
                    break;
                }

                var grown = (int)Math.Min((long)buffer.Length * 2, limit + 1L);
                if (pool is null)
                {
                    Array.Resize(ref buffer, grown);
                }
                else
                {
                    var larger = pool.Rent(grown);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                }
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length, limit + 1L) - length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > limit)
        {
            truncated = true;
            length = limit;
        }

        var content = FromBytes(buffer.AsMemory(0, length), truncated, decode);
        if (pool is not null)
        {
            content._pooled = (pool, buffer);
        }

        return content;
    }

    /// <summary>Gives a pooled buffer back (see <see cref="ReadAsync(Stream, long, ArrayPool{byte}?, CancellationToken, bool)"/>); <see cref="Bytes"/> must not be used afterwards.</summary>
    public void Release()
    {
        if (_pooled is { } pooled)
        {
            _pooled = null;
            Bytes = ReadOnlyMemory<byte>.Empty;
            pooled.Pool.Return(pooled.Buffer);
        }
    }

    /// <summary>Decodes bytes already in memory.</summary>
    public static TextContent FromBytes(ReadOnlyMemory<byte> bytes, bool truncated = false, bool decode = true)
    {
        if (bytes.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var head = bytes.Span[..Math.Min(bytes.Length, 64 * 1024)];
        var invalid = CountInvalid(head);
        var binary = head.Contains((byte)0) || (head.Length > 0 && invalid * 4 > head.Length);
        var text = binary || !decode ? string.Empty : Encoding.UTF8.GetString(bytes.Span);
        return new TextContent(text, bytes, truncated, binary, invalid);
    }

    /// <summary>The bytes decoded as UTF-8 (for content read without decoding).</summary>
    public string Decode() => Text.Length > 0 || Bytes.IsEmpty ? Text : Encoding.UTF8.GetString(Bytes.Span);

    private static int CountInvalid(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return 0; // The common case, checked vectorised; a sequence cut at the end of the head falls through to the count.
        }

        var invalid = 0;
        while (!bytes.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                invalid++;
            }

            if (status == System.Buffers.OperationStatus.NeedMoreData)
            {
                break;
            }

            bytes = bytes[Math.Max(consumed, 1)..];
        }

        return invalid;
    }
}
