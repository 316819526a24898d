using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Rules;

/// <summary>Reads a <c>kind: ThreatRules</c> document strictly: every problem is a diagnostic with line and column.</summary>
internal static class RuleLoader
{
    private static readonly string[] TopKeys = ["apiVersion", "kind", "metadata", "rules"];

    public static ThreatRuleSetLoadResult Load(string text, string file, AtlasCatalog catalog)
    {
        var diagnostics = new List<ThreatModelDiagnostic>();
        var (root, map) = YamlTreeReader.Read(text, file, LoadLimits.Default, diagnostics);
        if (root is null || diagnostics.Count > 0)
        {
            return new(null, Sorted(diagnostics));
        }

        var reader = new RuleReader(file, map, diagnostics, catalog);
        if (root is not JsonObject top)
        {
            reader.Error("", RuleDiagnosticCodes.Structure, "The top level of a rules file must be a mapping.", null);
            return new(null, Sorted(diagnostics));
        }

        reader.CheckKeys(top, "", TopKeys);
        if (Loading.Json.Str(top, "apiVersion") != ThreatRuleSet.ApiVersion)
        {
            reader.Error("/apiVersion", RuleDiagnosticCodes.Structure, $"apiVersion must be {ThreatRuleSet.ApiVersion}.", null);
        }

        if (Loading.Json.Str(top, "kind") != "ThreatRules")
        {
            reader.Error("/kind", RuleDiagnosticCodes.Structure, "kind must be ThreatRules.", null);
        }

        var rules = new List<ThreatRule>();
        if (top["rules"] is not JsonArray array)
        {
            reader.Error("/rules", RuleDiagnosticCodes.Structure, "A rules file needs a 'rules' list.", null);
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                var pointer = "/rules/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (array[i] is not JsonObject node)
                {
                    reader.Error(pointer, RuleDiagnosticCodes.BadValue, "A rule must be a mapping.", null);
                }
                else if (reader.ReadRule(node, pointer) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        foreach (var group in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var duplicate in group.Skip(1))
            {
                diagnostics.Add(ThreatModelDiagnostic.Error(file, duplicate.Position, RuleDiagnosticCodes.DuplicateId,
                    $"Rule id '{group.Key}' is used more than once.", "Give each rule its own id."));
            }
        }

        var hasErrors = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        var set = hasErrors ? null : new ThreatRuleSet([.. rules.OrderBy(r => r.Id, StringComparer.Ordinal)]);
        return new(set, Sorted(diagnostics));
    }

    private static ImmutableArray<ThreatModelDiagnostic> Sorted(List<ThreatModelDiagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Code, StringComparer.Ordinal)];
}
