using System.Text.Json.Nodes;
using AtlasGuard.Formats.Yaml;
using YamlReader = AtlasGuard.Formats.Yaml.YamlTreeReader;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>
/// Reads one threat-model YAML document through the bounded reader of <c>AtlasGuard.Formats</c> and turns its
/// problems into TM diagnostics with hints for this format.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>The root, or null with at least one error in <paramref name="diagnostics"/>.</summary>
    public static (JsonNode? Root, SourceMap Map) Read(string text, string file, LoadLimits limits, List<ThreatModelDiagnostic> diagnostics)
    {
        var options = new YamlReadOptions { MaxDepth = limits.MaxDepth, MaxNodes = limits.MaxNodes };
        var document = YamlReader.Read(text, options);
        Report(document, file, diagnostics);
        return (document.Failed ? null : document.Root, new SourceMap(document.Map));
    }

    /// <summary>Adds a diagnostic for every problem of <paramref name="document"/>.</summary>
    public static void Report(YamlDocument document, string file, List<ThreatModelDiagnostic> diagnostics)
    {
        foreach (var problem in document.Problems)
        {
            var at = SourceMap.Convert(problem.At);
            var (code, hint) = problem.Kind switch
            {
                YamlProblemKind.Syntax => (DiagnosticCodes.YamlSyntax, problem.Hint),
                YamlProblemKind.Empty => (DiagnosticCodes.NotAMapping, "Start with apiVersion and kind."),
                YamlProblemKind.MultipleDocuments => (DiagnosticCodes.UnsupportedYaml, "Put each model or profiles file in a file of its own, without a second '---'."),
                YamlProblemKind.DuplicateKey => (DiagnosticCodes.DuplicateKey, problem.Hint),
                YamlProblemKind.TooDeep => (DiagnosticCodes.TooDeep, "Threat-model documents need only a few levels; flatten the structure."),
                YamlProblemKind.TooManyNodes => (DiagnosticCodes.TooManyNodes, problem.Hint),
                YamlProblemKind.Unsupported when problem.Message.StartsWith("Only plain", StringComparison.Ordinal) =>
                    (DiagnosticCodes.UnsupportedYaml, "Complex keys ('? ...') and alias keys are not part of the format."),
                _ => (DiagnosticCodes.UnsupportedYaml, problem.Hint),
            };
            diagnostics.Add(ThreatModelDiagnostic.Error(file, at, code, problem.Message, hint));
        }
    }
}
