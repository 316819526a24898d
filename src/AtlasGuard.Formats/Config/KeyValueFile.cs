namespace AtlasGuard.Formats.Config;

/// <summary>One setting of a line-oriented configuration file.</summary>
/// <param name="Section">The <c>[section]</c> it is under (lower case), or empty.</param>
/// <param name="Key">The key as written.</param>
/// <param name="Value">The value, trimmed, one level of surrounding quotes removed.</param>
/// <param name="Line">Its 1-based line.</param>
public sealed record KeyValueEntry(string Section, string Key, string Value, int Line);

/// <summary>
/// Reads the line-oriented settings files services use: Java properties (<c>key=value</c>, <c>key: value</c>, <c>#</c>
/// and <c>!</c> comments, backslash continuation), INI files such as <c>airflow.cfg</c> (<c>[section]</c>, <c>;</c>
/// comments) and flat TOML (<c>key = "value"</c>). Nested TOML values (arrays, inline tables) are kept as text.
/// At most <see cref="MaxEntries"/> entries and <see cref="MaxValueLength"/> characters of a value are kept.
/// </summary>
public static class KeyValueFile
{
    /// <summary>The most entries read.</summary>
    public const int MaxEntries = 20_000;

    /// <summary>The most characters kept of one value.</summary>
    public const int MaxValueLength = 4096;

    /// <summary>Reads the entries of <paramref name="text"/> in file order.</summary>
    public static IReadOnlyList<KeyValueEntry> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<KeyValueEntry>();
        var section = string.Empty;
        var number = 0;
        var continued = false;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            number++;
            var line = raw.Trim();
            var wasContinued = continued;
            continued = line.EndsWith("\\") && !line.EndsWith("\\\\");
            if (wasContinued || line.IsEmpty || line[0] is '#' or ';' or '!')
            {
                continue;
            }

            if (line[0] == '[' && line.IndexOf(']') is > 0 and var close)
            {
                section = line[1..close].Trim().ToString().ToLowerInvariant();
                continue;
            }

            var split = line.IndexOfAny('=', ':');
            if (split <= 0)
            {
                continue;
            }

            var value = line[(split + 1)..].Trim();
            if (continued)
            {
                value = value[..^1].TrimEnd();
            }

            entries.Add(new KeyValueEntry(section, line[..split].Trim().ToString(), Unquote(value), number));
            if (entries.Count >= MaxEntries)
            {
                break;
            }
        }

        return entries;
    }

    private static string Unquote(ReadOnlySpan<char> value)
    {
        if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
        {
            value = value[1..^1];
        }
        else if (value.IndexOf(" #") is > 0 and var comment)
        {
            value = value[..comment].TrimEnd();
        }

        return value.Length > MaxValueLength ? value[..MaxValueLength].ToString() : value.ToString();
    }
}
