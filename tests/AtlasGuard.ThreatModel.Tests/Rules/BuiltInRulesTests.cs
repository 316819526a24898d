using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Rules;

namespace AtlasGuard.ThreatModel.Tests.Rules;

public class BuiltInRulesTests
{
    [Fact]
    public void Built_in_rules_load_without_diagnostics()
    {
        var result = ThreatRuleSet.Load(ThreatRuleSet.EmbeddedText, ThreatRuleSet.EmbeddedName);

        Assert.True(result.Diagnostics.IsEmpty, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.True(result.RuleSet!.Rules.Length >= 20);
    }

    [Fact]
    public void Built_in_rules_are_sorted_with_unique_ids()
    {
        var ids = ThreatRuleSet.Embedded.Rules.Select(r => r.Id).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_phase_has_at_least_one_rule()
    {
        var phases = ThreatRuleSet.Embedded.Rules.Select(r => r.Phase).ToHashSet();

        foreach (var phase in Enum.GetValues<AtlasGuard.Core.Findings.MlopsPhase>())
        {
            Assert.Contains(phase, phases);
        }
    }

    [Fact]
    public void Primary_technique_is_the_most_specific_when_a_rule_lists_a_parent_and_its_child()
    {
        foreach (var rule in ThreatRuleSet.Embedded.Rules)
        {
            foreach (var id in rule.Techniques)
            {
                var technique = AtlasCatalog.Embedded.FindTechnique(id)!;
                if (technique.ParentId is { } parent && rule.Techniques.Contains(parent))
                {
                    Assert.True(rule.Techniques.IndexOf(id) < rule.Techniques.IndexOf(parent), $"{rule.Id}: {id} must come before {parent}");
                }
            }
        }
    }
}
