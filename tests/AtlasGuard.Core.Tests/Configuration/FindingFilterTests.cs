using System.Collections.Immutable;
using AtlasGuard.Core.Configuration;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Tests.Scanning;

namespace AtlasGuard.Core.Tests.Configuration;

public sealed class FindingFilterTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void Severity_overrides_replace_the_default()
    {
        var config = AtlasGuardConfig.Empty with
        {
            SeverityOverrides = ImmutableDictionary<string, Severity>.Empty.Add("AG-TST-001", Severity.Low),
        };

        var result = FindingFilter.Apply(Result("a.pkl"), config, null, Today);

        Assert.Equal(Severity.Low, Assert.Single(result.Findings).Severity);
    }

    [Fact]
    public void Suppressions_match_rule_and_path_and_are_counted()
    {
        var config = AtlasGuardConfig.Empty with
        {
            Suppressions = [new Suppression { RuleId = "AG-TST-001", Path = "models/legacy/*.pkl", Reason = "reviewed" }],
        };

        var result = FindingFilter.Apply(Result("models/legacy/a.pkl", "models/b.pkl"), config, null, Today);

        Assert.Equal("models/b.pkl", Assert.Single(result.Findings).Location.Path);
        Assert.Equal(1, result.SuppressedCount);
    }

    [Fact]
    public void Expired_suppressions_no_longer_apply()
    {
        var config = AtlasGuardConfig.Empty with
        {
            Suppressions = [new Suppression { RuleId = "AG-TST-001", Reason = "temporary", Expires = Today.AddDays(-1) }],
        };

        var result = FindingFilter.Apply(Result("a.pkl"), config, null, Today);

        Assert.Single(result.Findings);
    }

    [Fact]
    public void Baseline_removes_known_fingerprints_only()
    {
        var scan = Result("a.pkl", "b.pkl");
        var baseline = new HashSet<string>(StringComparer.Ordinal) { scan.Findings[0].Fingerprint };

        var result = FindingFilter.Apply(scan, AtlasGuardConfig.Empty, baseline, Today);

        Assert.Equal("b.pkl", Assert.Single(result.Findings).Location.Path);
    }

    private static ScanResult Result(params string[] paths) => new()
    {
        Root = "/r",
        Findings = [.. paths.Select(p => TestRules.Marker.CreateFinding(new ArtifactLocation(p), "m"))],
        Rules = [TestRules.Marker],
        Statistics = new ScanStatistics(),
    };
}
