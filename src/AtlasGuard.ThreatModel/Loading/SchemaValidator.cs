using System.Text.Json.Nodes;
using Json.Schema;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>Validates a document tree against <see cref="ThreatModelSchema"/> and reports errors at their lines.</summary>
internal static class SchemaValidator
{
    private static readonly EvaluationOptions Fast = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };

    /// <summary>Adds a diagnostic per schema error; true when the document is valid.</summary>
    public static bool Validate(JsonNode root, SourceMap map, string file, List<ThreatModelDiagnostic> diagnostics)
    {
        // The flag pass stops at the first failure; the list pass, run only for invalid documents, says where.
        if (ThreatModelSchema.Schema.Evaluate(root, Fast).IsValid)
        {
            return true;
        }

        var results = ThreatModelSchema.Schema.Evaluate(root, Detailed);
        var translator = new SchemaErrorTranslator(root, map, file);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<ThreatModelDiagnostic>();
        foreach (var detail in results.Details)
        {
            if (!detail.HasErrors || IsInsideCondition(detail.EvaluationPath.ToString()))
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors!)
            {
                var diagnostic = translator.Translate(detail.InstanceLocation.ToString(), detail.EvaluationPath.ToString(), keyword, message);
                if (seen.Add(diagnostic.ToString()))
                {
                    found.Add(diagnostic);
                }
            }
        }

        if (found.Count == 0)
        {
            found.Add(ThreatModelDiagnostic.Error(file, default, DiagnosticCodes.ConstraintViolated, "The document does not match the schema.", null));
        }

        diagnostics.AddRange(found.OrderBy(d => d.Line).ThenBy(d => d.Column));
        return false;
    }

    // An 'if' that fails only selects the branch; its errors are not the document's.
    private static bool IsInsideCondition(string evaluationPath) =>
        evaluationPath.Contains("/if/", StringComparison.Ordinal) || evaluationPath.EndsWith("/if", StringComparison.Ordinal);
}
