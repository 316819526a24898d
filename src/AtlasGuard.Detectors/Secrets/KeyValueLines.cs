namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// <c>name = value</c> / <c>name: value</c> / <c>NAME=value</c> lines of INI, .env and similar files, with the
/// offset of each value. Comments (<c>#</c>, <c>;</c>) are skipped, <c>export </c> is dropped, quotes around a
/// value are removed and a trailing <c> #comment</c> after an unquoted value is cut.
/// </summary>
internal static class KeyValueLines
{
    public readonly record struct Entry(string Section, string Name, string Value, int ValueStart);

    public static IEnumerable<Entry> Read(string text, CancellationToken cancellationToken, string linePrefix = "")
    {
        var section = string.Empty;
        var lineStart = 0;
        var lines = 0;
        while (lineStart < text.Length)
        {
            if (++lines % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            var entry = ReadLine(text, lineStart, lineEnd, linePrefix, ref section);
            lineStart = lineEnd + 1;
            if (entry is { } e)
            {
                yield return e;
            }
        }
    }

    private static Entry? ReadLine(string text, int start, int end, string linePrefix, ref string section)
    {
        var line = text.AsSpan(start, end - start).TrimEnd('\r');
        var indent = line.Length - line.TrimStart().Length;
        line = line.TrimStart();
        if (line.IsEmpty || line[0] is '#' or ';')
        {
            return null;
        }

        if (line[0] == '[' && line.EndsWith("]"))
        {
            section = line[1..^1].Trim().ToString();
            return null;
        }

        if (linePrefix.Length > 0)
        {
            if (!line.StartsWith(linePrefix, StringComparison.Ordinal))
            {
                return null;
            }

            indent += linePrefix.Length;
            line = line[linePrefix.Length..];
        }

        if (line.StartsWith("export ", StringComparison.Ordinal))
        {
            indent += 7;
            line = line[7..];
        }

        var separator = line.IndexOfAny('=', ':');
        if (separator <= 0 || separator > 80)
        {
            return null;
        }

        var name = line[..separator].Trim().ToString();
        if (name.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var rawValue = line[(separator + 1)..];
        var valueOffset = start + indent + separator + 1 + (rawValue.Length - rawValue.TrimStart().Length);
        var value = rawValue.Trim();
        if (value.Length >= 2 && value[0] is '"' or '\'' && value.LastIndexOf(value[0]) > 0)
        {
            value = value[1..value.LastIndexOf(value[0])];
            valueOffset++;
        }
        else
        {
            var comment = value.IndexOf(" #", StringComparison.Ordinal);
            value = comment < 0 ? value : value[..comment].TrimEnd();
        }

        return new Entry(section, name, value.ToString(), valueOffset);
    }
}
