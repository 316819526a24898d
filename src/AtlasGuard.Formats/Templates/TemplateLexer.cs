using System.Globalization;
using System.Text;

namespace AtlasGuard.Formats.Templates;

/// <summary>
/// A static lexer for Jinja2 template syntax with the default delimiters: text is skipped, <c>{# #}</c>
/// comments and <c>{% raw %}</c> sections are skipped, and <c>{{ }}</c> / <c>{% %}</c> blocks become tokens.
/// String literals are decoded the way Jinja decodes them (Python escapes), so <c>'\x5f'</c> is <c>_</c>.
/// Never evaluates anything; never throws; an unterminated block runs to the end of the text.
/// </summary>
internal static class TemplateLexer
{
    public static List<TemplateToken> Tokenize(string template, int maxTokens)
    {
        var tokens = new List<TemplateToken>();
        var i = 0;
        while (i < template.Length && tokens.Count < maxTokens)
        {
            var open = template.IndexOf('{', i);
            if (open < 0 || open + 1 >= template.Length)
            {
                break;
            }

            var next = template[open + 1];
            if (next == '#')
            {
                var end = template.IndexOf("#}", open + 2, StringComparison.Ordinal);
                i = end < 0 ? template.Length : end + 2;
                continue;
            }

            if (next is not ('{' or '%'))
            {
                i = open + 1;
                continue;
            }

            var close = next == '{' ? '}' : '%';
            var start = tokens.Count;
            tokens.Add(new TemplateToken(TemplateTokenKind.BlockStart, template.Substring(open, 2), string.Empty, open));
            i = LexBlock(template, open + 2, close, tokens, maxTokens);
            if (next == '%' && IsRawBlock(tokens, start))
            {
                i = SkipRaw(template, i);
            }
        }

        return tokens;
    }

    private static bool IsRawBlock(List<TemplateToken> tokens, int start) =>
        tokens.Count - start == 3 && tokens[start + 1] is { Kind: TemplateTokenKind.Name, Text: "raw" };

    private static int SkipRaw(string template, int i)
    {
        while (true)
        {
            var open = template.IndexOf("{%", i, StringComparison.Ordinal);
            if (open < 0)
            {
                return template.Length;
            }

            var j = open + 2;
            while (j < template.Length && (template[j] is '-' or '+' || char.IsWhiteSpace(template[j])))
            {
                j++;
            }

            if (string.CompareOrdinal(template, j, "endraw", 0, 6) == 0)
            {
                return open;
            }

            i = open + 2;
        }
    }

    private static int LexBlock(string s, int i, char close, List<TemplateToken> tokens, int maxTokens)
    {
        while (i < s.Length && tokens.Count < maxTokens)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            // Whitespace control: "-}}", "+%}" and so on.
            var j = c is '-' or '+' ? i + 1 : i;
            if (j + 1 < s.Length && s[j] == close && s[j + 1] == '}')
            {
                tokens.Add(new TemplateToken(TemplateTokenKind.BlockEnd, s.Substring(i, j + 2 - i), string.Empty, i));
                return j + 2;
            }

            if (c == '_' || char.IsLetter(c))
            {
                var start = i;
                while (i < s.Length && (s[i] == '_' || char.IsLetterOrDigit(s[i])))
                {
                    i++;
                }

                var name = s[start..i];
                tokens.Add(new TemplateToken(TemplateTokenKind.Name, name, name, start));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new TemplateToken(TemplateTokenKind.Number, s[start..i], s[start..i], start));
            }
            else if (c is '\'' or '"')
            {
                i = LexString(s, i, tokens);
            }
            else
            {
                var len = i + 1 < s.Length && IsTwoCharOperator(c, s[i + 1]) ? 2 : 1;
                tokens.Add(new TemplateToken(TemplateTokenKind.Operator, s.Substring(i, len), s.Substring(i, len), i));
                i += len;
            }
        }

        return i;
    }

    private static bool IsTwoCharOperator(char a, char b) =>
        (a, b) is ('*', '*') or ('/', '/') or ('=', '=') or ('!', '=') or ('<', '=') or ('>', '=');

    private static int LexString(string s, int i, List<TemplateToken> tokens)
    {
        var quote = s[i];
        var start = i;
        var value = new StringBuilder();
        var escaped = false;
        i++;
        while (i < s.Length && s[i] != quote)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i = DecodeEscape(s, i, value, ref escaped);
            }
            else
            {
                value.Append(s[i]);
                i++;
            }
        }

        var end = Math.Min(i + 1, s.Length);
        tokens.Add(new TemplateToken(TemplateTokenKind.String, s[start..end], value.ToString(), start, escaped));
        return end;
    }

    private static int DecodeEscape(string s, int i, StringBuilder value, ref bool identifierEscape)
    {
        var e = s[i + 1];
        switch (e)
        {
            case 'x':
                return Hex(s, i, 2, value, ref identifierEscape);
            case 'u':
                return Hex(s, i, 4, value, ref identifierEscape);
            case 'U':
                return Hex(s, i, 8, value, ref identifierEscape);
            case 'N':
                var close = s.IndexOf('}', i);
                if (i + 2 < s.Length && s[i + 2] == '{' && close > 0)
                {
                    var name = s[(i + 3)..close];
                    identifierEscape = true;
                    value.Append(name.Equals("LOW LINE", StringComparison.OrdinalIgnoreCase) ? "_" : "\uFFFD");
                    return close + 1;
                }

                break;
            case >= '0' and <= '7':
                var n = 0;
                var k = i + 1;
                while (k < s.Length && k < i + 4 && s[k] is >= '0' and <= '7')
                {
                    n = (n * 8) + (s[k] - '0');
                    k++;
                }

                Append(value, n, ref identifierEscape);
                return k;
            case 'n':
                value.Append('\n');
                return i + 2;
            case 't':
                value.Append('\t');
                return i + 2;
            case 'r':
                value.Append('\r');
                return i + 2;
            case '\\' or '\'' or '"':
                value.Append(e);
                return i + 2;
            default:
                break;
        }

        value.Append('\\').Append(e);
        return i + 2;
    }

    private static int Hex(string s, int i, int digits, StringBuilder value, ref bool identifierEscape)
    {
        if (i + 2 + digits <= s.Length
            && int.TryParse(s.AsSpan(i + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            && code <= 0x10FFFF)
        {
            Append(value, code, ref identifierEscape);
            return i + 2 + digits;
        }

        value.Append('\\').Append(s[i + 1]);
        return i + 2;
    }

    private static void Append(StringBuilder value, int code, ref bool identifierEscape)
    {
        if (code < 0x80 && (char.IsAsciiLetterOrDigit((char)code) || code == '_' || code == '.'))
        {
            identifierEscape = true;
        }

        if (code is >= 0xD800 and <= 0xDFFF)
        {
            value.Append('\uFFFD');
        }
        else
        {
            value.Append(char.ConvertFromUtf32(code));
        }
    }
}
