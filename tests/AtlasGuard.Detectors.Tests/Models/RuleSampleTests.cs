namespace AtlasGuard.Detectors.Tests.Models;

/// <summary>
/// Every rule's own samples: the fixture cases its descriptor lists under mustMatch must report it, those
/// under mustNotMatch must not. Rules whose samples need a special set-up (a size limit, a timeout, a
/// symbolic link) are tested in the engine tests and listed here.
/// </summary>
public sealed class RuleSampleTests
{
    private static readonly HashSet<string> TestedElsewhere = new(StringComparer.Ordinal)
    {
        "AG-SCN-002", "AG-SCN-003", "AG-SCN-004", "AG-SCN-006", "AG-SCN-007", "AG-SCN-008", "AG-SCN-009", "AG-SCN-010",
    };

    public static TheoryData<string, string, bool> Samples()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var rule in BuiltInDetectors.CreateSet(DetectorOptions.Default).Rules)
        {
            foreach (var c in rule.MustMatch)
            {
                data.Add(rule.Id, c, true);
            }

            foreach (var c in rule.MustNotMatch)
            {
                data.Add(rule.Id, c, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Rule_matches_its_samples(string ruleId, string caseName, bool mustMatch)
    {
        // A bare name is a case under Fixtures/Models; a name with a slash is a path under Fixtures (e.g. Formats/gguf/x).
        var folder = ModelFixtureTests.CaseFolder(caseName);
        Assert.True(Directory.Exists(folder), $"Sample case '{caseName}' of {ruleId} does not exist.");

        var findings = await ModelFixtureTests.ScanCase(folder);

        var summary = string.Join("; ", findings.Select(f => f.RuleId + " " + f.Message));
        Assert.True(findings.Any(f => f.RuleId == ruleId) == mustMatch,
            $"{ruleId} should {(mustMatch ? "" : "not ")}match {caseName}. Findings: {summary}");
    }

    [Fact]
    public void Every_rule_has_samples_or_is_tested_elsewhere()
    {
        foreach (var rule in BuiltInDetectors.CreateSet(DetectorOptions.Default).Rules)
        {
            if (TestedElsewhere.Contains(rule.Id))
            {
                continue;
            }

            Assert.True(rule.MustMatch.Length > 0 && rule.MustNotMatch.Length > 0, $"{rule.Id} has no must-match and must-not-match samples.");
        }
    }
}
