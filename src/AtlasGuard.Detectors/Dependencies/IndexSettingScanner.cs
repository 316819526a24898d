namespace AtlasGuard.Detectors.Dependencies;

/// <summary>Whether a setting adds an index or replaces the main one.</summary>
internal enum IndexRole
{
    /// <summary>The main index (<c>--index-url</c>, <c>-i</c>, <c>index-url =</c>, <c>PIP_INDEX_URL</c>).</summary>
    Main,

    /// <summary>An additional index searched together with the main one (<c>--extra-index-url</c> and friends).</summary>
    Extra,
}

/// <summary>Which installer reads a setting; uv only looks at the first index that has a package unless told otherwise.</summary>
internal enum Installer
{
    /// <summary>pip, pip-tools, conda's pip section and anything else that merges indexes.</summary>
    Pip,

    /// <summary>uv (<c>uv pip</c>, <c>uv add</c>, <c>UV_*</c> variables, <c>[tool.uv]</c>).</summary>
    Uv,
}

/// <summary>One index setting found in a text: where it is, what it says, and its URL as written.</summary>
internal readonly record struct IndexSetting(int Offset, IndexRole Role, Installer Installer, string Option, string Url, bool UnsafeStrategy);

/// <summary>
/// Finds package-index settings in any text (requirements files, pip.conf, Dockerfiles, shell scripts, CI scripts,
/// notebook cells, environment files) with plain ordinal searches: command-line flags, configuration keys at the start
/// of a line, and environment variables. Commented-out lines are skipped. Linear in the text; the number of settings
/// returned is bounded.
/// </summary>
internal static class IndexSettingScanner
{
    /// <summary>The most settings returned for one text.</summary>
    public const int MaxSettings = 1_000;

    private static readonly (string Needle, IndexRole Role, Installer? Installer)[] Needles =
    [
        ("--extra-index-url", IndexRole.Extra, null),
        ("--index-url", IndexRole.Main, null),
        ("PIP_EXTRA_INDEX_URL", IndexRole.Extra, Installer.Pip),
        ("PIP_INDEX_URL", IndexRole.Main, Installer.Pip),
        ("UV_EXTRA_INDEX_URL", IndexRole.Extra, Installer.Uv),
        ("UV_INDEX_URL", IndexRole.Main, Installer.Uv),
        ("UV_DEFAULT_INDEX", IndexRole.Main, Installer.Uv),
        ("extra-index-url", IndexRole.Extra, null),
        ("index-url", IndexRole.Main, null),
        (" -i ", IndexRole.Main, null),
    ];

    private static readonly string[] UvCommands = ["uv pip ", "uv add ", "uv sync", "uv lock", "uv run ", "uv tool ", "uvx "];

    /// <summary>The index settings of a text, in order; <paramref name="uvConfig"/> says the file is uv's own configuration.</summary>
    public static IReadOnlyList<IndexSetting> Scan(string text, bool uvConfig, CancellationToken cancellationToken)
    {
        var found = new List<IndexSetting>();
        foreach (var (needle, role, installer) in Needles)
        {
            for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0 && found.Count < MaxSettings;
                 at = text.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Accept(text, at, needle))
                {
                    continue;
                }

                var lineStart = LineStart(text, at);
                if (IsComment(text, lineStart))
                {
                    continue;
                }

                var url = ReadValue(text, at + needle.Length, configKey: needle is "extra-index-url" or "index-url");
                if (needle == " -i " && !(url.StartsWith("http", StringComparison.OrdinalIgnoreCase) && CommandHas(text, lineStart, "pip")))
                {
                    continue;
                }

                var command = Command(text, lineStart, at);
                var who = installer ?? (uvConfig || UvCommands.Any(c => command.Contains(c, StringComparison.Ordinal)) ? Installer.Uv : Installer.Pip);
                var unsafeStrategy = command.Contains("unsafe-best-match", StringComparison.Ordinal) || command.Contains("unsafe-first-match", StringComparison.Ordinal);
                found.Add(new IndexSetting(at, role, who, needle.Trim(), url, unsafeStrategy));
            }
        }

        found.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return found;
    }

    /// <summary>Whether a hit is a setting of its own rather than part of a longer name.</summary>
    private static bool Accept(string text, int at, string needle)
    {
        var before = at > 0 ? text[at - 1] : '\n';
        var after = at + needle.Length < text.Length ? text[at + needle.Length] : '\n';
        switch (needle)
        {
            case "--index-url" when at >= 6 && text.AsSpan(at - 6, 6).SequenceEqual("-extra"):
            case "PIP_INDEX_URL" or "UV_INDEX_URL" when char.IsAsciiLetterOrDigit(before) || before == '_':
                return false;
            case "extra-index-url" or "index-url":
                // A configuration key: first on its line (pip.conf, uv.toml), followed by '=' or ':'.
                var lineStart = LineStart(text, at);
                if (!text.AsSpan(lineStart, at - lineStart).IsWhiteSpace())
                {
                    return false;
                }

                var rest = text.AsSpan(at + needle.Length).TrimStart(" \t");
                return rest.Length > 0 && rest[0] is '=' or ':';
        }

        return needle.StartsWith('-') || needle.StartsWith(' ') || !(char.IsAsciiLetterOrDigit(after) || after == '_');
    }

    /// <summary>The value after a setting: skips '=', ':', spaces, quotes and '['; for a configuration key with an empty value, the next indented line.</summary>
    private static string ReadValue(string text, int from, bool configKey)
    {
        var i = from;
        while (i < text.Length && text[i] is ' ' or '\t' or '=' or ':' or '"' or '\'' or '[')
        {
            i++;
        }

        if (!configKey && i + 1 < text.Length && text[i] == '\\' && text[i + 1] is '\r' or '\n')
        {
            // A flag whose value is on the next line of a backslash-continued command.
            i = Math.Min(text.Length, LineEnd(text, i) + 1);
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }
        }
        else if (configKey && i < text.Length && text[i] is '\r' or '\n')
        {
            // pip.conf: "extra-index-url =" followed by indented continuation lines; an unindented line is a new key.
            var next = Math.Min(text.Length, LineEnd(text, i) + 1);
            if (next >= text.Length || text[next] is not (' ' or '\t'))
            {
                return string.Empty;
            }

            i = next;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }
        }

        var end = i;
        while (end < text.Length && end - i < 2048 && !(char.IsWhiteSpace(text[end]) || text[end] is '"' or '\'' or ']' or ',' or '\\' or ';' or '`' or ')'))
        {
            end++;
        }

        return text[i..end];
    }

    /// <summary>How far before and after a hit lines are looked at; a longer line is cut, so work per hit stays bounded.</summary>
    private const int Window = 8192;

    private static int LineStart(string text, int at)
    {
        if (at <= 0)
        {
            return 0;
        }

        var count = Math.Min(at, Window);
        var newline = text.LastIndexOf('\n', at - 1, count);
        return newline >= 0 ? newline + 1 : at - count;
    }

    private static int LineEnd(string text, int at)
    {
        var count = Math.Min(text.Length - at, Window);
        var newline = text.IndexOf('\n', at, count);
        return newline >= 0 ? newline : at + count;
    }

    private static bool IsComment(string text, int lineStart)
    {
        var line = text.AsSpan(lineStart, Math.Min(text.Length - lineStart, 64)).TrimStart(" \t");
        return line.Length > 0 && line[0] is '#' or ';';
    }

    /// <summary>The logical command around a setting: its line and up to 40 lines before it joined by trailing backslashes.</summary>
    private static string Command(string text, int lineStart, int at)
    {
        var start = lineStart;
        for (var n = 0; n < 40 && start >= 2 && at - start < Window; n++)
        {
            var previousEnd = start - 1;
            var end = previousEnd > 0 && text[previousEnd - 1] == '\r' ? previousEnd - 1 : previousEnd;
            if (end <= 0 || text[end - 1] != '\\')
            {
                break;
            }

            start = LineStart(text, end - 1);
        }

        start = Math.Max(start, at - Window);
        return text[start..LineEnd(text, at)];
    }

    private static bool CommandHas(string text, int lineStart, string word)
    {
        return text.AsSpan(lineStart, LineEnd(text, lineStart) - lineStart).Contains(word, StringComparison.Ordinal);
    }
}
