using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AtlasGuard.Formats.Json;

/// <summary>
/// Turns the raw bytes of a JSON string token (RFC 8259 section 7, quotes excluded) into text, without failing on
/// what a hostile file holds: invalid UTF-8 becomes U+FFFD and a lone <c>\uD800</c>-style escape stays a lone
/// surrogate, where <see cref="Utf8JsonReader.GetString"/> throws. Runs of plain bytes are transcoded in one call
/// between escapes into a pooled buffer, so a notebook output full of <c>\n</c> costs one pass and one string.
/// </summary>
internal static class JsonStringText
{
    /// <summary>The text of the string token the reader is on (its value is a single segment when reading a span).</summary>
    public static string Read(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? Decode(reader.ValueSequence.ToArray(), reader.ValueIsEscaped) : Decode(reader.ValueSpan, reader.ValueIsEscaped);

    /// <summary>Decodes <paramref name="raw"/>; <paramref name="escaped"/> says whether it may hold a backslash.</summary>
    public static string Decode(ReadOnlySpan<byte> raw, bool escaped = true)
    {
        if (!escaped || raw.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(raw);
        }

        // Every byte gives at most one UTF-16 unit (a 4-byte sequence gives two), and an escape of 2 or 6 bytes gives one.
        var buffer = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            var written = 0;
            while (true)
            {
                var slash = raw.IndexOf((byte)'\\');
                var plain = slash < 0 ? raw : raw[..slash];
                written += Encoding.UTF8.GetChars(plain, buffer.AsSpan(written));
                if (slash < 0 || slash + 1 >= raw.Length)
                {
                    break;
                }

                var (unit, length) = Escape(raw[(slash + 1)..]);
                buffer[written++] = unit;
                raw = raw[(slash + 1 + length)..];
            }

            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The UTF-16 unit an escape stands for and how many bytes after the backslash it takes.</summary>
    private static (char Unit, int Length) Escape(ReadOnlySpan<byte> after)
    {
        switch (after[0])
        {
            case (byte)'n': return ('\n', 1);
            case (byte)'t': return ('\t', 1);
            case (byte)'r': return ('\r', 1);
            case (byte)'b': return ('\b', 1);
            case (byte)'f': return ('\f', 1);
            case (byte)'u' when after.Length >= 5 && TryHex(after.Slice(1, 4), out var unit): return (unit, 5);
            case (byte)'u': return ('\uFFFD', 1);
            default: return ((char)after[0] is var c && c < 0x80 ? c : '\uFFFD', 1); // '"', '\\', '/' (anything else is not JSON)
        }
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out char unit)
    {
        var value = 0;
        foreach (var d in digits)
        {
            var nibble = d switch
            {
                >= (byte)'0' and <= (byte)'9' => d - '0',
                >= (byte)'a' and <= (byte)'f' => d - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => d - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                unit = '\0';
                return false;
            }

            value = (value << 4) | nibble;
        }

        unit = (char)value;
        return true;
    }
}
