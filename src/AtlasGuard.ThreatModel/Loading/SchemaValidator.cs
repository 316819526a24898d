using System.Text.Json.Nodes;
using Json.Schema;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>
/// Validates a document tree against the schema (see <see cref="ThreatModelSchema"/> for the split into the
/// document and per-type props schemas) and reports each error at its line.
/// </summary>
internal static class SchemaValidator
{
    private static readonly EvaluationOptions Fast = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };

    // JsonSchema.Net 7 builds and caches its evaluation plan on first use and is not safe for concurrent
    // evaluations of one schema: run in parallel, invalid documents were seen to pass. One at a time.
    private static readonly Lock Gate = new();

    /// <summary>Adds a diagnostic per schema error; true when the document is valid.</summary>
    public static bool Validate(JsonNode root, SourceMap map, string file, List<ThreatModelDiagnostic> diagnostics)
    {
        var found = new List<ThreatModelDiagnostic>();
        var translator = new SchemaErrorTranslator(root, map, file);
        lock (Gate)
        {
            // The flag pass stops at the first failure; the list pass, run only when it fails, says where.
            if (!ThreatModelSchema.Document.Evaluate(root, Fast).IsValid)
            {
                Collect(ThreatModelSchema.Document.Evaluate(root, Detailed), "", ThreatModelSchema.Node, translator, found);
            }

            foreach (var group in TypedProps(root).GroupBy(p => p.Type, StringComparer.Ordinal))
            {
                var (schema, node) = ThreatModelSchema.Props(group.Key);
                var pointers = group.Select(p => p.Pointer).ToList();
                var list = new JsonArray([.. group.Select(p => p.Props.DeepClone())]);
                if (!schema.Evaluate(list, Fast).IsValid)
                {
                    Collect(schema.Evaluate(list, Detailed), pointers, node, translator, found);
                }
            }
        }

        if (found.Count == 0)
        {
            return true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        diagnostics.AddRange(found.Where(d => seen.Add(d.ToString())).OrderBy(d => d.Line).ThenBy(d => d.Column));
        return false;
    }

    private static void Collect(EvaluationResults results, string basePointer, JsonNode schemaRoot, SchemaErrorTranslator translator, List<ThreatModelDiagnostic> found) =>
        Collect(results, location => basePointer + location, schemaRoot, translator, found, basePointer);

    /// <summary>Errors of a props list: "/3/auth" is "/auth" in the props at <c>pointers[3]</c>.</summary>
    private static void Collect(EvaluationResults results, List<string> pointers, JsonNode schemaRoot, SchemaErrorTranslator translator, List<ThreatModelDiagnostic> found) =>
        Collect(results, location => MapListLocation(location, pointers), schemaRoot, translator, found, pointers[0]);

    private static string MapListLocation(string location, List<string> pointers)
    {
        var slash = location.IndexOf('/', 1);
        var index = location[1..(slash < 0 ? location.Length : slash)];
        return int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < pointers.Count
            ? pointers[i] + (slash < 0 ? "" : location[slash..])
            : pointers[0];
    }

    private static void Collect(
        EvaluationResults results, Func<string, string> toPointer, JsonNode schemaRoot, SchemaErrorTranslator translator, List<ThreatModelDiagnostic> found, string fallback)
    {
        var before = found.Count;
        foreach (var detail in results.Details)
        {
            if (!detail.HasErrors || IsInsideCondition(detail.EvaluationPath.ToString()))
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors!)
            {
                var location = detail.InstanceLocation.ToString();
                found.Add(translator.Translate(location.Length == 0 ? fallback : toPointer(location), detail.EvaluationPath.ToString(), schemaRoot, keyword, message));
            }
        }

        if (found.Count == before)
        {
            found.Add(translator.Unexplained(fallback));
        }
    }

    /// <summary>Each component whose type the schema knows and whose props is a mapping: the props pointer, the type, the props.</summary>
    private static IEnumerable<(string Pointer, string Type, JsonObject Props)> TypedProps(JsonNode root)
    {
        if (root["components"] is not JsonArray components)
        {
            yield break;
        }

        var known = ThreatModelSchema.ComponentTypes.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < components.Count; i++)
        {
            if (components[i] is JsonObject component && Json.Str(component, "type") is { } type && known.Contains(type)
                && component["props"] is JsonObject props)
            {
                yield return (SourceMap.Child(SourceMap.Child("/components", i), "props"), type, props);
            }
        }
    }

    // An 'if' that fails only selects the branch; its errors are not the document's.
    private static bool IsInsideCondition(string evaluationPath) =>
        evaluationPath.Contains("/if/", StringComparison.Ordinal) || evaluationPath.EndsWith("/if", StringComparison.Ordinal);
}
