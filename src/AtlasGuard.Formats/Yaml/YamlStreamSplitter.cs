namespace AtlasGuard.Formats.Yaml;

/// <summary>
/// Splits a YAML stream at document markers ("---" or "..." at the start of a line, which YAML forbids inside
/// scalars), so that one broken document does not hide the others. The marker line is blanked so that line
/// numbers inside each document stay those of the file once the offset is added.
/// </summary>
internal static class YamlStreamSplitter
{
    public static IEnumerable<(string Body, int LineOffset)> Split(string text)
    {
        var lines = text.Split('\n');
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && !IsMarker(lines[i]))
            {
                continue;
            }

            var body = string.Join('\n', lines, start, i - start);
            yield return (body, start);
            start = i + 1;
            if (start < lines.Length)
            {
                start--;
                lines[start] = string.Empty;
            }
        }
    }

    public static bool IsBlank(string body)
    {
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && line[0] != '#' && !line.StartsWith("%YAML", StringComparison.Ordinal) && !line.StartsWith("%TAG", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsMarker(string line) =>
        (line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("...", StringComparison.Ordinal))
        && (line.Length == 3 || char.IsWhiteSpace(line[3]));
}
