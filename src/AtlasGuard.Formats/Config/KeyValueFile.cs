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

    /// <summary>Reads the entries of <paramref name="text"/> in file order; a value continued with a trailing backslash is joined.</summary>
    public static IReadOnlyList<KeyValueEntry> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<KeyValueEntry>();
        var section = string.Empty;
        var number = 0;
        (string Key, System.Text.StringBuilder Value, int Line)? pending = null;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            number++;
            var line = raw.Trim();
            var continues = !line.EndsWith("\\\\") && line.EndsWith("\\");
            var body = continues ? line[..^1].TrimEnd() : line;
            if (pending is { } open)
            {
                if (open.Value.Length + body.Length < MaxValueLength)
                {
                    open.Value.Append(body);
                }

                if (!continues)
                {
                    entries.Add(new KeyValueEntry(section, open.Key, Unquote(open.Value.ToString().AsSpan().Trim()), open.Line));
                    pending = null;
                }

                continue;
            }

            if (line.IsEmpty || line[0] is '#' or ';' or '!')
            {
                continue;
            }

            if (line[0] == '[' && line.IndexOf(']') is > 0 and var close)
            {
                section = line[1..close].Trim().ToString().ToLowerInvariant();
                continue;
            }

            var split = body.IndexOfAny('=', ':');
            if (split <= 0)
            {
                continue;
            }

            if (continues)
            {
                pending = (body[..split].Trim().ToString(), new System.Text.StringBuilder(body[(split + 1)..].Trim().ToString()), number);
                continue;
            }

            entries.Add(new KeyValueEntry(section, body[..split].Trim().ToString(), Unquote(body[(split + 1)..].Trim()), number));
            if (entries.Count >= MaxEntries)
            {
                return entries;
            }
        }

        if (pending is { } last)
        {
            entries.Add(new KeyValueEntry(section, last.Key, Unquote(last.Value.ToString().AsSpan().Trim()), last.Line));
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
