using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Rules;

/// <summary>A technique the built-in rules deliberately leave out, and why.</summary>
public sealed record OutOfScopeTechnique(string Id, string Reason);

/// <summary>
/// Which ATLAS techniques the rules cover: a technique a rule lists, or a parent one of whose sub-techniques a rule
/// lists. The rest is documented in <c>Rules/Data/out-of-scope.yaml</c>.
/// </summary>
public static class RuleCoverage
{
    private static readonly Lazy<ImmutableArray<OutOfScopeTechnique>> OutOfScopeValue = new(LoadOutOfScope);

    /// <summary>The documented out-of-scope techniques, in file order.</summary>
    public static ImmutableArray<OutOfScopeTechnique> OutOfScope => OutOfScopeValue.Value;

    /// <summary>The techniques the rules cover, with for each the ids of the rules that cover it (sorted).</summary>
    public static ImmutableSortedDictionary<string, ImmutableArray<string>> Covered(ThreatRuleSet rules, AtlasCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(catalog);
        var covered = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var rule in rules.Rules)
        {
            foreach (var id in rule.Techniques)
            {
                Add(covered, id, rule.Id);
                if (catalog.FindTechnique(id)?.ParentId is { } parent)
                {
                    Add(covered, parent, rule.Id);
                }
            }
        }

        return covered.ToImmutableSortedDictionary(p => p.Key, p => p.Value.ToImmutableArray(), StringComparer.Ordinal);
    }

    private static void Add(SortedDictionary<string, SortedSet<string>> covered, string technique, string rule)
    {
        if (!covered.TryGetValue(technique, out var set))
        {
            covered[technique] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        set.Add(rule);
    }

    private static ImmutableArray<OutOfScopeTechnique> LoadOutOfScope()
    {
        var diagnostics = new List<ThreatModelDiagnostic>();
        var (root, _) = YamlTreeReader.Read(EmbeddedResources.Read("out-of-scope.yaml"), "out-of-scope.yaml", LoadLimits.Default, diagnostics);
        if (root?["techniques"] is not JsonArray items || diagnostics.Count > 0)
        {
            throw new InvalidOperationException("out-of-scope.yaml does not load: " + string.Join("; ", diagnostics));
        }

        return
        [
            .. items.OfType<JsonObject>().Select(item => new OutOfScopeTechnique(
                Loading.Json.Str(item, "id") ?? throw new InvalidOperationException("An out-of-scope entry has no id."),
                Loading.Json.Str(item, "reason") ?? throw new InvalidOperationException("An out-of-scope entry has no reason."))),
        ];
    }
}
