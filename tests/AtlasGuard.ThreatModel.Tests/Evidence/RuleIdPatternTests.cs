using AtlasGuard.ThreatModel.Evidence;

namespace AtlasGuard.ThreatModel.Tests.Evidence;

public sealed class RuleIdPatternTests
{
    [Theory]
    [InlineData("AG-MDL-001", "AG-MDL-001", true)]
    [InlineData("ag-mdl-001", "AG-MDL-001", true)]
    [InlineData("AG-MDL-001", "AG-MDL-0011", false)]
    [InlineData("AG-SVC-*", "AG-SVC-010", true)]
    [InlineData("AG-SVC-*", "AG-SEC-010", false)]
    [InlineData("AG-*-001", "AG-MDL-001", true)]
    [InlineData("AG-*-001", "AG-MDL-002", false)]
    [InlineData("*", "AG-CI-003", true)]
    [InlineData("AG-MDL-0*1", "AG-MDL-001", true)]
    [InlineData("AG-MDL-0*1*", "AG-MDL-0", false)]
    [InlineData("AG-*MDL*-*", "AG-MDL-", true)]
    public void Stars_stand_for_any_run_of_characters(string pattern, string ruleId, bool matches) =>
        Assert.Equal(matches, RuleIdPattern.IsMatch(pattern, ruleId));

    [Fact]
    public void A_pattern_of_many_stars_against_a_long_id_answers_at_once()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 5_000)) + "*b";
        var id = new string('a', 100_000);

        // Backtracking matchers take exponential time here; this one walks the id once per star.
        Assert.False(RuleIdPattern.IsMatch(pattern, id));
    }
}
