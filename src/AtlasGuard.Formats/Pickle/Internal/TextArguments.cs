using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>
/// Decoders for the newline-terminated arguments of protocol 0 opcodes, following what CPython's C unpickler accepts
/// (<c>strtol</c> with base 0 then <c>PyLong_FromString</c>, <c>PyOS_string_to_double</c>,
/// <c>PyBytes_DecodeEscape</c>, raw-unicode-escape). Content never includes the terminating '\n'.
/// </summary>
internal static class TextArguments
{
    /// <summary>CPython's default limit on decimal digits in int parsing (sys.int_info.default_max_str_digits).</summary>
    private const int MaxDecimalDigits = 4300;

    /// <summary>INT: strtol(base 0) first, then PyLong_FromString(base 0). "00"/"01" are bools.</summary>
    public static bool TryParseInt(ReadOnlySpan<byte> content, bool complete, out SymValue value, out bool canonical)
    {
        canonical = IsCanonicalDecimal(content) || content.SequenceEqual("00"u8) || content.SequenceEqual("01"u8);
        if (complete && TryStrtol(content, out var number))
        {
            value = content.Length == 2 && number is 0 or 1 ? SymValue.Bool(number == 1) : SymValue.Int(number);
            return true;
        }

        return TryPyLong(CString(content), 0, complete, out value);
    }

    /// <summary>LONG: an optional trailing 'L' is dropped, then PyLong_FromString(base 0).</summary>
    public static bool TryParseLong(ReadOnlySpan<byte> content, bool complete, out SymValue value, out bool canonical)
    {
        var body = content;
        if (complete && body.Length >= 1 && body[^1] == (byte)'L')
        {
            body = body[..^1];
            canonical = IsCanonicalDecimal(body);
        }
        else
        {
            canonical = false;
        }

        return TryPyLong(CString(body), 0, complete, out value);
    }

    /// <summary>GET/PUT keys: PyLong_FromString(base 10) then PyLong_AsSsize_t.</summary>
    public static bool TryParseMemoKey(ReadOnlySpan<byte> content, out long key)
    {
        key = 0;
        if (!TryPyLong(CString(content), 10, complete: true, out var value) || value.Ref != KindTag.IntTag)
        {
            return false;
        }

        key = value.Bits;
        return true;
    }

    /// <summary>FLOAT: PyOS_string_to_double; the rest of the line must be empty (or start with NUL).</summary>
    public static bool TryParseFloat(ReadOnlySpan<byte> content, out double value)
    {
        value = 0;
        var s = CString(content);
        var i = 0;
        if (i < s.Length && (s[i] == (byte)'+' || s[i] == (byte)'-'))
        {
            i++;
        }

        var rest = s[i..];
        if (StartsWithIgnoreCase(rest, "infinity"u8) && rest.Length == 8 || StartsWithIgnoreCase(rest, "inf"u8) && rest.Length == 3)
        {
            value = s[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (StartsWithIgnoreCase(rest, "nan"u8) && rest.Length == 3)
        {
            value = double.NaN;
            return true;
        }

        var digits = 0;
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length && (s[i] == (byte)'e' || s[i] == (byte)'E'))
        {
            var j = i + 1;
            if (j < s.Length && (s[j] == (byte)'+' || s[j] == (byte)'-'))
            {
                j++;
            }

            var expDigits = 0;
            while (j < s.Length && IsDigit(s[j]))
            {
                j++;
                expDigits++;
            }

            if (expDigits > 0)
            {
                i = j;
            }
        }

        if (i != s.Length)
        {
            return false;
        }

        if (!double.TryParse(Encoding.ASCII.GetString(s), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        // PyOS_string_to_double raises OverflowError for finite text that overflows.
        return !double.IsInfinity(value);
    }

    /// <summary>STRING: must be quoted with matching quotes, then PyBytes_DecodeEscape.</summary>
    public static bool TryDecodeString(ReadOnlySpan<byte> content, bool complete, Span<byte> output, out int written,
        out string? error)
    {
        written = 0;
        error = null;
        if (complete && !(content.Length >= 2 && content[0] == content[^1] && content[0] is (byte)'\'' or (byte)'"'))
        {
            error = "the STRING opcode argument must be quoted";
            return false;
        }

        if (!complete && (content.Length == 0 || content[0] is not ((byte)'\'' or (byte)'"')))
        {
            error = "the STRING opcode argument must be quoted";
            return false;
        }

        var inner = complete ? content[1..^1] : content[1..];
        var i = 0;
        while (i < inner.Length && written < output.Length)
        {
            var c = inner[i++];
            if (c != (byte)'\\')
            {
                output[written++] = c;
                continue;
            }

            if (i >= inner.Length)
            {
                if (complete)
                {
                    error = "Trailing \\ in string";
                    return false;
                }

                break;
            }

            var e = inner[i++];
            switch (e)
            {
                case (byte)'\n':
                    break;
                case (byte)'\\':
                case (byte)'\'':
                case (byte)'"':
                    output[written++] = e;
                    break;
                case (byte)'b':
                    output[written++] = 8;
                    break;
                case (byte)'f':
                    output[written++] = 12;
                    break;
                case (byte)'t':
                    output[written++] = 9;
                    break;
                case (byte)'n':
                    output[written++] = 10;
                    break;
                case (byte)'r':
                    output[written++] = 13;
                    break;
                case (byte)'v':
                    output[written++] = 11;
                    break;
                case (byte)'a':
                    output[written++] = 7;
                    break;
                case >= (byte)'0' and <= (byte)'7':
                    var octal = e - '0';
                    for (var k = 0; k < 2 && i < inner.Length && inner[i] is >= (byte)'0' and <= (byte)'7'; k++)
                    {
                        octal = (octal << 3) + (inner[i++] - '0');
                    }

                    output[written++] = (byte)octal;
                    break;
                case (byte)'x':
                    if (i + 1 < inner.Length && HexValue(inner[i]) >= 0 && HexValue(inner[i + 1]) >= 0)
                    {
                        output[written++] = (byte)((HexValue(inner[i]) << 4) | HexValue(inner[i + 1]));
                        i += 2;
                        break;
                    }

                    if (!complete && i + 1 >= inner.Length)
                    {
                        return true;
                    }

                    error = "invalid \\x escape";
                    return false;
                default:
                    output[written++] = (byte)'\\';
                    if (written < output.Length)
                    {
                        output[written++] = e;
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>UNICODE: raw-unicode-escape (\uXXXX and \UXXXXXXXX after an odd number of backslashes).</summary>
    public static bool TryDecodeRawUnicodeEscape(ReadOnlySpan<byte> content, bool complete, int maxChars, out string text,
        out string? error)
    {
        error = null;
        var builder = new StringBuilder(Math.Min(content.Length, maxChars));
        var i = 0;
        while (i < content.Length && builder.Length < maxChars)
        {
            var c = content[i];
            if (c != (byte)'\\')
            {
                builder.Append((char)c);
                i++;
                continue;
            }

            var start = i;
            while (i < content.Length && content[i] == (byte)'\\')
            {
                builder.Append('\\');
                i++;
            }

            if (((i - start) & 1) == 0 || i >= content.Length || content[i] is not ((byte)'u' or (byte)'U'))
            {
                continue;
            }

            builder.Length--;
            var count = content[i] == (byte)'u' ? 4 : 8;
            i++;
            long code = 0;
            for (var k = 0; k < count; k++, i++)
            {
                if (i >= content.Length)
                {
                    text = builder.ToString();
                    if (!complete)
                    {
                        return true;
                    }

                    error = count == 4 ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
                    return false;
                }

                var h = HexValue(content[i]);
                if (h < 0)
                {
                    text = builder.ToString();
                    error = count == 4 ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
                    return false;
                }

                code = (code << 4) | (uint)h;
            }

            if (code > 0x10FFFF)
            {
                text = builder.ToString();
                error = "\\Uxxxxxxxx out of range";
                return false;
            }

            if (code is >= 0xD800 and <= 0xDFFF)
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(char.ConvertFromUtf32((int)code));
            }
        }

        text = builder.ToString();
        return true;
    }

    /// <summary>UTF-8 validity; <paramref name="allowSurrogates"/> mirrors the "surrogatepass" error handler.</summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> data, bool allowSurrogates, bool complete)
    {
        if (System.Text.Unicode.Utf8.IsValid(data))
        {
            return true;
        }

        var i = 0;
        while (i < data.Length)
        {
            var b = data[i];
            int need;
            int min;
            if (b < 0x80)
            {
                i++;
                continue;
            }
            else if (b is >= 0xC2 and <= 0xDF)
            {
                need = 1;
                min = 0x80;
            }
            else if (b is >= 0xE0 and <= 0xEF)
            {
                need = 2;
                min = 0x800;
            }
            else if (b is >= 0xF0 and <= 0xF4)
            {
                need = 3;
                min = 0x10000;
            }
            else
            {
                return false;
            }

            var code = b & (0x3F >> need);
            for (var k = 1; k <= need; k++)
            {
                if (i + k >= data.Length)
                {
                    return !complete;
                }

                var cont = data[i + k];
                if ((cont & 0xC0) != 0x80)
                {
                    return false;
                }

                code = (code << 6) | (cont & 0x3F);
            }

            if (code < min || code > 0x10FFFF || (!allowSurrogates && code is >= 0xD800 and <= 0xDFFF))
            {
                return false;
            }

            i += need + 1;
        }

        return true;
    }

    /// <summary>Decodes UTF-8 (surrogates and invalid bytes become U+FFFD) up to <paramref name="maxChars"/>.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> data, int maxChars)
    {
        if (data.Length > maxChars * 4)
        {
            data = data[..(maxChars * 4)];
        }

        var text = Encoding.UTF8.GetString(data);
        return text.Length > maxChars ? text[..maxChars] : text;
    }

    /// <summary>Decodes bytes one char per byte (ASCII fast path for names and short strings).</summary>
    public static string DecodeLatin1(ReadOnlySpan<byte> data) => Encoding.Latin1.GetString(data);

    public static bool IsAscii(ReadOnlySpan<byte> data) => System.Text.Ascii.IsValid(data);

    /// <summary>glibc strtol(s, &amp;end, 0) succeeding without ERANGE and ending at the newline or a NUL.</summary>
    private static bool TryStrtol(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        var i = 0;
        while (i < s.Length && IsCSpace(s[i]))
        {
            i++;
        }

        var negative = false;
        if (i < s.Length && (s[i] == (byte)'+' || s[i] == (byte)'-'))
        {
            negative = s[i] == (byte)'-';
            i++;
        }

        var radix = 10;
        if (i < s.Length && s[i] == (byte)'0')
        {
            if (i + 2 < s.Length && (s[i + 1] | 0x20) == (byte)'x' && HexValue(s[i + 2]) >= 0)
            {
                radix = 16;
                i += 2;
            }
            else
            {
                radix = 8;
            }
        }

        var start = i;
        ulong magnitude = 0;
        var overflow = false;
        while (i < s.Length)
        {
            var d = HexValue(s[i]);
            if (d < 0 || d >= radix)
            {
                break;
            }

            if (magnitude > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                overflow = true;
            }
            else
            {
                magnitude = magnitude * (ulong)radix + (ulong)d;
            }

            i++;
        }

        var end = i == start ? 0 : i;
        if (end < s.Length && s[end] != 0)
        {
            return false;
        }

        if (overflow || magnitude > (negative ? 1UL << 63 : long.MaxValue))
        {
            return false;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>PyLong_FromString(s, NULL, radix) where radix is 0 (auto) or 10. Whitespace around, underscores
    /// between digits; base-0 decimals may not have leading zeros; decimal digit limit 4300.</summary>
    private static bool TryPyLong(ReadOnlySpan<byte> s, int radix, bool complete, out SymValue value)
    {
        value = default;
        var i = 0;
        while (i < s.Length && IsCSpace(s[i]))
        {
            i++;
        }

        var negative = false;
        if (i < s.Length && (s[i] == (byte)'+' || s[i] == (byte)'-'))
        {
            negative = s[i] == (byte)'-';
            i++;
        }

        var prefixed = false;
        if (radix == 0)
        {
            radix = 10;
            if (i + 1 < s.Length && s[i] == (byte)'0')
            {
                var p = s[i + 1] | 0x20;
                radix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
                if (radix != 10)
                {
                    i += 2;
                    prefixed = true;
                }
                else
                {
                    radix = -10;
                }
            }
        }

        var zeroOnly = radix == -10;
        radix = Math.Abs(radix);
        if (prefixed && i < s.Length && s[i] == (byte)'_')
        {
            i++;
        }

        var digitsStart = i;
        var digits = 0;
        var lastUnderscore = false;
        var nonZero = false;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == (byte)'_')
            {
                if (lastUnderscore || digits == 0)
                {
                    return false;
                }

                lastUnderscore = true;
                i++;
                continue;
            }

            var d = HexValue(c);
            if (d < 0 || d >= radix)
            {
                break;
            }

            nonZero |= d != 0;
            lastUnderscore = false;
            digits++;
            i++;
        }

        if (digits == 0 || lastUnderscore || (zeroOnly && nonZero))
        {
            return false;
        }

        var digitsEnd = i;
        while (i < s.Length && IsCSpace(s[i]))
        {
            i++;
        }

        if (complete && i != s.Length)
        {
            return false;
        }

        if (radix == 10 && digits > MaxDecimalDigits)
        {
            return false;
        }

        var text = s[digitsStart..digitsEnd];
        if (radix == 10 && digits <= 18 && text.IndexOf((byte)'_') < 0
            && Utf8Parser.TryParse(text, out long small, out var used) && used == text.Length)
        {
            value = SymValue.Int(negative ? -small : small);
            return true;
        }

        BigInteger number = 0;
        var counted = 0;
        foreach (var c in text)
        {
            if (c == (byte)'_')
            {
                continue;
            }

            number = number * radix + HexValue(c);
            if (++counted > 20_000)
            {
                break;
            }
        }

        if (negative)
        {
            number = -number;
        }

        value = FromBigInteger(number, complete ? null : "(prefix)");
        return true;
    }

    /// <summary>Wraps a big integer as a 64-bit int when it fits, else as a <see cref="BigIntValue"/>.</summary>
    public static SymValue FromBigInteger(BigInteger number, string? note = null)
    {
        if (number >= long.MinValue && number <= long.MaxValue)
        {
            return SymValue.Int((long)number);
        }

        var bytes = number.GetByteCount() <= 64 ? number.ToByteArray() : null;
        var text = number.GetByteCount() <= 64 ? number.ToString(CultureInfo.InvariantCulture) + note : null;
        return SymValue.Object(new BigIntValue(bytes, number.GetByteCount(), text));
    }

    /// <summary>The part C sees before an embedded NUL.</summary>
    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> content)
    {
        var nul = content.IndexOf((byte)0);
        return nul >= 0 ? content[..nul] : content;
    }

    private static bool IsCanonicalDecimal(ReadOnlySpan<byte> s)
    {
        if (s.Length > 0 && s[0] == (byte)'-')
        {
            s = s[1..];
        }

        if (s.Length == 0 || (s[0] == (byte)'0' && s.Length > 1))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lowerPrefix)
    {
        if (s.Length < lowerPrefix.Length)
        {
            return false;
        }

        for (var i = 0; i < lowerPrefix.Length; i++)
        {
            if ((s[i] | 0x20) != lowerPrefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static bool IsCSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'Z' => c - 'A' + 10,
        _ => -1,
    };
}
