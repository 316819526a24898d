using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Rules;

namespace AtlasGuard.ThreatModel.Tests.Rules;

public class CoverageTests
{
    private static readonly AtlasCatalog Catalog = AtlasCatalog.Embedded;

    [Fact]
    public void Every_catalog_technique_is_covered_by_a_rule_or_documented_as_out_of_scope()
    {
        var covered = RuleCoverage.Covered(ThreatRuleSet.Embedded, Catalog);
        var outOfScope = RuleCoverage.OutOfScope.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);

        var neither = Catalog.Techniques.Select(t => t.Id).Where(id => !covered.ContainsKey(id) && !outOfScope.Contains(id)).ToList();

        Assert.True(neither.Count == 0, "Neither covered nor out of scope: " + string.Join(", ", neither));
    }

    [Fact]
    public void Out_of_scope_techniques_exist_are_not_covered_and_have_a_one_line_reason()
    {
        var covered = RuleCoverage.Covered(ThreatRuleSet.Embedded, Catalog);

        foreach (var entry in RuleCoverage.OutOfScope)
        {
            Assert.NotNull(Catalog.FindTechnique(entry.Id));
            Assert.False(covered.ContainsKey(entry.Id), $"{entry.Id} is covered by {string.Join(", ", covered.GetValueOrDefault(entry.Id, []))}; drop it from out-of-scope.yaml");
            Assert.False(string.IsNullOrWhiteSpace(entry.Reason));
            Assert.DoesNotContain('\n', entry.Reason);
        }

        Assert.Equal(RuleCoverage.OutOfScope.Length, RuleCoverage.OutOfScope.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_parent_technique_counts_as_covered_through_its_sub_technique()
    {
        var covered = RuleCoverage.Covered(ThreatRuleSet.Embedded, Catalog);

        Assert.Contains("TM-SUP-001", covered["AML.T0010.003"]);
        Assert.Contains("TM-SUP-001", covered["AML.T0010"]);
    }
}
