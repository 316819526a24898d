namespace AtlasGuard.Detectors.Code;

/// <summary>
/// Turns a notebook code cell into Python the parser can read: IPython shell escapes (<c>!cmd</c>), line magics
/// (<c>%pip</c>, <c>%env</c>, <c>%run</c> ...) and cells in another language (<c>%%bash</c>, <c>%%sh</c>,
/// <c>%%script</c>, <c>%%html</c> ...) are blanked with spaces, so offsets and line numbers stay where they were.
/// Cell magics that time or capture Python (<c>%%time</c>, <c>%%capture</c> ...) keep their body.
/// </summary>
internal static class NotebookMagics
{
    private static readonly string[] PythonCellMagics = ["time", "timeit", "capture", "prun", "debug", "python", "python3", "pypy", "memit", "tensorflow"];

    public static string ToPython(string cell)
    {
        if (cell.IndexOfAny(['!', '%']) < 0)
        {
            return cell;
        }

        var chars = cell.ToCharArray();
        var lineStart = 0;
        var first = true;
        while (lineStart < chars.Length)
        {
            var lineEnd = cell.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = chars.Length;
            }

            var text = cell.AsSpan(lineStart, lineEnd - lineStart);
            var trimmed = text.TrimStart(" \t");
            if (first && trimmed.StartsWith("%%", StringComparison.Ordinal))
            {
                if (!IsPythonCellMagic(trimmed[2..]))
                {
                    Blank(chars, 0, chars.Length);
                    return new string(chars);
                }

                Blank(chars, lineStart, lineEnd);
            }
            else if (trimmed.StartsWith('!') || trimmed.StartsWith('%'))
            {
                Blank(chars, lineStart, EndOfContinuedLine(cell, lineEnd));
            }

            if (!trimmed.IsWhiteSpace())
            {
                first = false;
            }

            lineStart = lineEnd + 1;
        }

        return new string(chars);
    }

    private static bool IsPythonCellMagic(ReadOnlySpan<char> rest)
    {
        var end = rest.IndexOfAny(' ', '\t', '\r');
        var name = end < 0 ? rest : rest[..end];
        foreach (var magic in PythonCellMagics)
        {
            if (name.SequenceEqual(magic))
            {
                return true;
            }
        }

        return false;
    }

    // A shell line ending in a backslash continues on the next line.
    private static int EndOfContinuedLine(string cell, int lineEnd)
    {
        while (lineEnd < cell.Length && lineEnd > 0 && cell.AsSpan(0, lineEnd).TrimEnd('\r').EndsWith('\\'))
        {
            var next = cell.IndexOf('\n', lineEnd + 1);
            lineEnd = next < 0 ? cell.Length : next;
        }

        return lineEnd;
    }

    private static void Blank(char[] chars, int start, int end)
    {
        for (var i = start; i < end && i < chars.Length; i++)
        {
            if (chars[i] is not ('\n' or '\r'))
            {
                chars[i] = ' ';
            }
        }
    }
}
