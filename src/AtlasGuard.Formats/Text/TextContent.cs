using System.Text;

namespace AtlasGuard.Formats.Text;

/// <summary>
/// A text file read with a byte bound and decoded as UTF-8 (a byte-order mark is dropped, invalid bytes become
/// U+FFFD). <see cref="LooksBinary"/> says when the bytes are not text at all, so that text rules can leave the
/// file alone instead of matching noise.
/// </summary>
public sealed class TextContent
{
    private TextContent(string text, bool truncated, bool looksBinary, int invalidBytes)
    {
        Text = text;
        Truncated = truncated;
        LooksBinary = looksBinary;
        InvalidBytes = invalidBytes;
    }

    /// <summary>The decoded text (of the first <c>maxBytes</c> when truncated).</summary>
    public string Text { get; }

    /// <summary>Whether the file was longer than the bound and only its start was read.</summary>
    public bool Truncated { get; }

    /// <summary>Whether the head holds NUL bytes or more than a quarter invalid UTF-8: a binary file, whatever its name says.</summary>
    public bool LooksBinary { get; }

    /// <summary>How many invalid UTF-8 sequences the first 64 KiB held (counted only there).</summary>
    public int InvalidBytes { get; }

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes of <paramref name="stream"/> as text.</summary>
    public static async ValueTask<TextContent> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        var truncated = false;
        while (true)
        {
            var want = (int)Math.Min(chunk.Length, limit + 1L - buffer.Length);
            var read = await stream.ReadAsync(chunk.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                truncated = true;
                buffer.SetLength(limit);
                break;
            }
        }

        return FromBytes(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), truncated);
    }

    /// <summary>Decodes bytes already in memory.</summary>
    public static TextContent FromBytes(ReadOnlySpan<byte> bytes, bool truncated = false)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var head = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        var invalid = CountInvalid(head);
        var binary = head.Contains((byte)0) || (head.Length > 0 && invalid * 4 > head.Length);
        var text = binary ? string.Empty : Encoding.UTF8.GetString(bytes);
        return new TextContent(text, truncated, binary, invalid);
    }

    private static int CountInvalid(ReadOnlySpan<byte> bytes)
    {
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
