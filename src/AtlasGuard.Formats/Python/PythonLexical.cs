using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace AtlasGuard.Formats.Python;

/// <summary>The lexical pieces of the language reference the tokenizer is built from.</summary>
internal static class PythonLexical
{
    /// <summary>How deep f-strings nest inside replacement fields before nested quotes are taken as plain characters.</summary>
    public const int MaxFStringNesting = 16;

    private static readonly SearchValues<char> AsciiNameParts =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    private static readonly string[] Statements = ["def ", "class ", "async def ", "import ", "from ", "@"];

    /// <summary>The length (0-2) of a valid string prefix when a literal starts at <paramref name="i"/>, else -1.</summary>
    public static int StringPrefixLength(string s, int i)
    {
        var c = s[i];
        if (c is '\'' or '"')
        {
            return 0;
        }

        if (!IsPrefixLetter(c))
        {
            return -1;
        }

        if (i + 1 < s.Length && s[i + 1] is '\'' or '"')
        {
            return 1;
        }

        if (i + 2 < s.Length && s[i + 2] is '\'' or '"' && IsPrefixLetter(s[i + 1]) && ValidPair(c, s[i + 1]))
        {
            return 2;
        }

        return -1;
    }

    /// <summary>Whether an identifier starts at <paramref name="i"/> (letters of any script, '_', letter numbers).</summary>
    public static bool IsNameStart(string s, int i)
    {
        var c = s[i];
        if (char.IsAscii(c))
        {
            return char.IsAsciiLetter(c) || c == '_';
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 < s.Length && char.IsLetter(s, i);
        }

        return char.IsLetter(c) || char.GetUnicodeCategory(c) == UnicodeCategory.LetterNumber;
    }

    /// <summary>The index after the identifier that starts at <paramref name="i"/>.</summary>
    public static int SkipName(string s, int i)
    {
        i += char.IsHighSurrogate(s[i]) ? 2 : 1;
        var ascii = s.AsSpan(i).IndexOfAnyExcept(AsciiNameParts);
        if (ascii < 0)
        {
            return s.Length;
        }

        i += ascii;
        if (char.IsAscii(s[i]))
        {
            return i;
        }

        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAscii(c))
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    break;
                }

                i++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLetterOrDigit(s, i))
            {
                i += 2;
            }
            else if (IsNonAsciiNamePart(c))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>The index after the number at <paramref name="i"/>: digits with underscores, 0x/0o/0b, fraction, exponent, j.</summary>
    public static int SkipNumber(string s, int i)
    {
        if (s[i] == '0' && i + 1 < s.Length && s[i + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            i += 2;
            while (i < s.Length && (char.IsAsciiHexDigit(s[i]) || s[i] == '_'))
            {
                i++;
            }

            return i;
        }

        i = SkipDigits(s, i);
        if (i < s.Length && s[i] == '.')
        {
            i = SkipDigits(s, i + 1);
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < s.Length && s[j] is '+' or '-')
            {
                j++;
            }

            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                i = SkipDigits(s, j);
            }
        }

        return i < s.Length && s[i] is 'j' or 'J' ? i + 1 : i;
    }

    /// <summary>The operator or delimiter at <paramref name="i"/> (longest match), or null.</summary>
    public static string? Operator(string s, int i)
    {
        var c = s[i];
        var next = i + 1 < s.Length ? s[i + 1] : '\0';
        var third = i + 2 < s.Length ? s[i + 2] : '\0';
        switch (c)
        {
            case '(': return "(";
            case ')': return ")";
            case '[': return "[";
            case ']': return "]";
            case '{': return "{";
            case '}': return "}";
            case ',': return ",";
            case ';': return ";";
            case '~': return "~";
            case '.': return next == '.' && third == '.' ? "..." : ".";
            case ':': return next == '=' ? ":=" : ":";
            case '=': return next == '=' ? "==" : "=";
            case '!': return next == '=' ? "!=" : "!";
            case '-': return next == '=' ? "-=" : next == '>' ? "->" : "-";
            case '*': return next == '*' ? (third == '=' ? "**=" : "**") : next == '=' ? "*=" : "*";
            case '/': return next == '/' ? (third == '=' ? "//=" : "//") : next == '=' ? "/=" : "/";
            case '<': return next == '<' ? (third == '=' ? "<<=" : "<<") : next == '=' ? "<=" : "<";
            case '>': return next == '>' ? (third == '=' ? ">>=" : ">>") : next == '=' ? ">=" : ">";
            case '+': return next == '=' ? "+=" : "+";
            case '%': return next == '=' ? "%=" : "%";
            case '&': return next == '=' ? "&=" : "&";
            case '|': return next == '=' ? "|=" : "|";
            case '^': return next == '=' ? "^=" : "^";
            case '@': return next == '=' ? "@=" : "@";
            default: return null;
        }
    }

    /// <summary>Whether the line at <paramref name="i"/> starts, at its first column, a statement that cannot continue a bracket.</summary>
    public static bool StartsStatementAtMargin(string s, int i)
    {
        if (i >= s.Length)
        {
            return false;
        }

        var rest = s.AsSpan(i);
        foreach (var keyword in Statements)
        {
            if (rest.StartsWith(keyword, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipDigits(string s, int i)
    {
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_'))
        {
            i++;
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPrefixLetter(char c) => c is 'r' or 'R' or 'u' or 'U' or 'b' or 'B' or 'f' or 'F' or 't' or 'T';

    // Two-letter prefixes pair r with b, f or t (in either order); u and a doubled letter stand alone.
    private static bool ValidPair(char a, char b)
    {
        var x = char.ToLowerInvariant(a);
        var y = char.ToLowerInvariant(b);
        return (x == 'r' && y is 'b' or 'f' or 't') || (y == 'r' && x is 'b' or 'f' or 't');
    }

    private static bool IsNonAsciiNamePart(char c) => char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation
        or UnicodeCategory.LetterNumber;
}
