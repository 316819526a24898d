namespace AtlasGuard.Formats.Shell;

/// <summary>Looks up command-line flags in a list of words.</summary>
public static class CommandFlags
{
    /// <summary>
    /// The value of a flag: <c>--name=value</c>, <c>--name value</c>, or "true" for a bare switch; null when absent.
    /// Quotes left around a word by a whitespace split are ignored; the first occurrence wins.
    /// </summary>
    public static string? Value(IReadOnlyList<string> words, string name)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Trim('"', '\'');
            if (word.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return words[i][(words[i].IndexOf('=', StringComparison.Ordinal) + 1)..].TrimEnd('"', '\'', ',', ']');
            }

            if (word == name)
            {
                return i + 1 < words.Count && !words[i + 1].StartsWith('-') ? words[i + 1].TrimEnd(',', ']') : "true";
            }
        }

        return null;
    }

    /// <summary>Whether any word is the flag, alone or with a value.</summary>
    public static bool Has(IReadOnlyList<string> words, string name) => Value(words, name) is not null;
}
