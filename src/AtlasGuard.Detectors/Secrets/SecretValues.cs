namespace AtlasGuard.Detectors.Secrets;

/// <summary>Small facts about candidate secret values: entropy, character classes, token boundaries, placeholders.</summary>
internal static class SecretValues
{
    private static readonly string[] PlaceholderWords =
        ["example", "placeholder", "redacted", "dummy", "your-", "your_", "yourkey", "yourtoken", "insert", "replace", "changeme", "change_me", "changeit"];

    private static readonly HashSet<string> PlaceholderValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "secret", "token", "apikey", "api_key", "key", "none", "null", "nil", "todo", "tbd", "empty", "undefined", "true", "false",
        "test", "testing", "admin", "user", "username", "pass", "passwd", "xxx", "foo", "bar", "foobar", "changeme", "default",
    };

    /// <summary>Whether a character may be part of a token, so that a match next to it is part of something longer.</summary>
    public static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '/';

    /// <summary>Whether a character may continue a word or identifier (a prefixed token must not follow one).</summary>
    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = new Dictionary<char, int>();
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other[c] = other.GetValueOrDefault(c) + 1;
            }
        }

        double entropy = 0;
        foreach (var n in counts)
        {
            entropy -= Term(n, value.Length);
        }

        foreach (var n in other.Values)
        {
            entropy -= Term(n, value.Length);
        }

        return entropy;
    }

    /// <summary>How many of the classes lower-case letter, upper-case letter and digit occur.</summary>
    public static int Classes(ReadOnlySpan<char> value)
    {
        bool lower = false, upper = false, digit = false;
        foreach (var c in value)
        {
            lower |= char.IsAsciiLetterLower(c);
            upper |= char.IsAsciiLetterUpper(c);
            digit |= char.IsAsciiDigit(c);
        }

        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0);
    }

    /// <summary>
    /// Whether a value is a stand-in rather than a credential: empty, a template or variable reference
    /// (<c>&lt;your-token&gt;</c>, <c>${VAR}</c>, <c>{{ secrets.X }}</c>), a well-known dummy word, ellipses,
    /// masked characters, or a run of one repeated character.
    /// </summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> value)
    {
        value = value.Trim().Trim("\"'`");
        if (value.Length < 4 || PlaceholderValues.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value))
        {
            return true;
        }

        if (value[0] is '<' or '$' or '%' or '{' or '[' || value.Contains("${", StringComparison.Ordinal) || value.Contains("{{", StringComparison.Ordinal)
            || (value.Contains('<') && value.Contains('>')) || value.Contains("...", StringComparison.Ordinal) || value.Contains("***", StringComparison.Ordinal)
            || value.Contains('\u2026') || value.StartsWith("os.environ", StringComparison.Ordinal) || value.StartsWith("getenv", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var word in PlaceholderWords)
        {
            if (value.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return HasRun(value, 5);
    }

    /// <summary>Whether some character repeats <paramref name="length"/> times in a row (xxxxx, 00000), ignoring case.</summary>
    public static bool HasRun(ReadOnlySpan<char> value, int length)
    {
        var run = 1;
        for (var i = 1; i < value.Length; i++)
        {
            run = char.ToLowerInvariant(value[i]) == char.ToLowerInvariant(value[i - 1]) ? run + 1 : 1;
            if (run >= length)
            {
                return true;
            }
        }

        return false;
    }

    private static double Term(int n, int total)
    {
        if (n == 0)
        {
            return 0;
        }

        var p = (double)n / total;
        return p * Math.Log2(p);
    }
}
