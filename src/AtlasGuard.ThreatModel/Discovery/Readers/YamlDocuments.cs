using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Discovery.Draft;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>One YAML document of a file, with the line its text starts after.</summary>
internal sealed record YamlDoc(JsonNode Root, SourceMap Map, int LineOffset)
{
    /// <summary>The 1-based line of the value at a JSON pointer, in the whole file.</summary>
    public int Line(string pointer)
    {
        var at = Map.ValueAt(pointer);
        return at.Line > 0 ? at.Line + LineOffset : 0;
    }
}

/// <summary>
/// Reads every document of a YAML file through the loader's bounded reader (depth, node and alias-expansion
/// limits). A document that cannot be read becomes a note; the others are still returned.
/// </summary>
internal static class YamlDocuments
{
    private const int MaxDocuments = 2_000;

    private static readonly LoadLimits Limits = new() { MaxDepth = 64, MaxNodes = 100_000 };

    public static List<YamlDoc> Read(string text, string path, DraftDocument draft)
    {
        var docs = new List<YamlDoc>();
        foreach (var (body, offset) in Split(text))
        {
            if (docs.Count >= MaxDocuments)
            {
                draft.Note(path, offset + 1, $"More than {MaxDocuments} YAML documents; the rest were not read.");
                break;
            }

            if (IsBlank(body))
            {
                continue;
            }

            var diagnostics = new List<ThreatModelDiagnostic>();
            var (root, map) = YamlTreeReader.Read(body, path, Limits with { MaxBytes = long.MaxValue }, diagnostics);
            var first = diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            if (first is not null)
            {
                draft.Note(path, first.Line > 0 ? first.Line + offset : 0, "Not read: " + first.Message);
            }

            if (root is not null && first is null)
            {
                docs.Add(new YamlDoc(root, map, offset));
            }
        }

        return docs;
    }

    /// <summary>Splits at document markers ("---" or "..." at the start of a line), which YAML forbids inside scalars.</summary>
    private static IEnumerable<(string Body, int LineOffset)> Split(string text)
    {
        var lines = text.Split('\n');
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && !IsMarker(lines[i]))
            {
                continue;
            }

            // The marker line is replaced by an empty line so line numbers stay those of the file.
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

    private static bool IsMarker(string line) =>
        (line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("...", StringComparison.Ordinal))
        && (line.Length == 3 || char.IsWhiteSpace(line[3]));

    private static bool IsBlank(string body)
    {
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && line[0] != '#' && line != "%YAML 1.2" && !line.StartsWith("%YAML", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
