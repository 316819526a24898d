using System.Text;
using AtlasGuard.Detectors.SourceFiles;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// The shell a notebook runs, laid out at the notebook file's own lines so that a finding's line is the .ipynb line:
/// IPython shell escapes (<c>!cmd</c>, <c>!!cmd</c>, <c>%system</c>, <c>%sx</c>), cells in a shell (<c>%%bash</c>,
/// <c>%%sh</c>, <c>%%script bash|sh</c>), and <c>%env NAME=value</c> as <c>export NAME=value</c>. Python lines are
/// left out (the code detector reads them). A file line that holds several cell lines (a one-line JSON source)
/// keeps them one after another.
/// </summary>
internal static class NotebookShell
{
    private static readonly string[] ShellCellMagics = ["%%bash", "%%sh", "%%script bash", "%%script sh", "%%system"];

    /// <summary>The shell text, or null when no code cell runs any shell.</summary>
    public static string? Read(IReadOnlyList<SourcePiece> pieces, CancellationToken cancellationToken)
    {
        SortedDictionary<int, StringBuilder>? lines = null;
        foreach (var piece in pieces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (piece.Kind != SourcePieceKind.NotebookCode || piece.Cell is not { } cell || piece.Text.IndexOfAny(['!', '%']) < 0)
            {
                continue;
            }

            var number = 0;
            var wholeCell = false;
            foreach (var raw in piece.Text.AsSpan().EnumerateLines())
            {
                number++;
                var line = raw.TrimStart(" \t");
                string? shell = null;
                if (number == 1 && line.StartsWith("%%", StringComparison.Ordinal))
                {
                    wholeCell = IsShellCell(line);
                    continue;
                }

                if (wholeCell)
                {
                    shell = raw.ToString();
                }
                else if (line.StartsWith("!", StringComparison.Ordinal))
                {
                    shell = line.TrimStart('!').ToString();
                }
                else if (Magic(line, "%system") is { } system)
                {
                    shell = system;
                }
                else if (Magic(line, "%sx") is { } captured)
                {
                    shell = captured;
                }
                else if (Magic(line, "%env") is { } env && Assignment(env) is { } export)
                {
                    shell = export;
                }

                if (shell is null)
                {
                    continue;
                }

                lines ??= [];
                var fileLine = cell.FileLineOf(number);
                if (!lines.TryGetValue(fileLine, out var text))
                {
                    lines[fileLine] = text = new StringBuilder();
                }
                else
                {
                    text.Append(" ; ");
                }

                text.Append(shell);
            }
        }

        if (lines is null)
        {
            return null;
        }

        var result = new StringBuilder();
        var at = 1;
        foreach (var (fileLine, text) in lines)
        {
            result.Append('\n', Math.Max(0, fileLine - at)).Append(text).Append('\n');
            at = fileLine + 1;
        }

        return result.ToString();
    }

    private static bool IsShellCell(ReadOnlySpan<char> line)
    {
        var magic = line.TrimEnd(" \t\r").ToString();
        return ShellCellMagics.Any(m => magic == m || (magic.StartsWith(m, StringComparison.Ordinal) && magic[m.Length] is ' ' or '\t'));
    }

    /// <summary>The rest of a line magic (<c>%name rest</c>), or null when the line is not that magic.</summary>
    private static string? Magic(ReadOnlySpan<char> line, string name) =>
        line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '\t'
            ? line[(name.Length + 1)..].Trim().ToString()
            : null;

    /// <summary><c>%env NAME=value</c> or <c>%env NAME value</c> as <c>export NAME=value</c>; null for a bare <c>%env NAME</c>.</summary>
    private static string? Assignment(string rest)
    {
        var split = rest.IndexOfAny(['=', ' ', '\t']);
        if (split <= 0)
        {
            return null;
        }

        var name = rest[..split];
        var value = rest[(split + 1)..].TrimStart(' ', '\t', '=');
        return $"export {name}={value}";
    }
}
