using System.Text.Json;
using AtlasGuard.Testing;

namespace AtlasGuard.Cli.Tests;

/// <summary>
/// The pipelines shaped like the victims of ATLAS case studies, evaluated with a real scan of their planted example
/// repositories: the threats that carry the attackers' techniques are observed, backed by the findings the scan
/// made under the components' sources.
/// </summary>
public sealed class CaseStudyEvidenceTests
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // example, repository scanned, threat that must be observed, a technique of the case study it carries
        { "shadowray", "examples/ray-cluster-repo", "TM-INFRA-001@ray-head@internet-scanner", "AML.T0049" },
        { "shadowray", "examples/ray-cluster-repo", "TM-INFRA-002@ray-head@internet-scanner", "AML.T0048.000" },
        { "pytorch-dependency-chain", "examples/threat-models/pytorch-dependency-chain/repo", "TM-SUP-002@training-hosts@compromised-supplier", "AML.T0010.001" },
        { "pytorch-dependency-chain", "examples/threat-models/pytorch-dependency-chain/repo", "TM-SUP-003@dev-notebooks@compromised-supplier", "AML.T0010.001" },
        { "poisongpt", "examples/threat-models/poisongpt/repo", "TM-SUP-007@tutor-chat@compromised-supplier", "AML.T0010.003" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_case_study_threat_is_observed_where_the_example_repository_supports_it(string example, string repository, string key, string technique)
    {
        using var tree = new TempTree();
        var output = Path.Combine(tree.Root, "result.json");

        var (code, _) = await CliRunner.RunAsync("threat-model", RepoPaths.InRepo("examples", "threat-models", example, "pipeline.yaml"),
            "--scan", RepoPaths.InRepo(repository.Split('/')), "--format", "json", "--output", output, "--atlas-data", "embedded");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var threat = json.RootElement.GetProperty("threats").EnumerateArray().SingleOrDefault(t => t.GetProperty("key").GetString() == key);
        Assert.True(threat.ValueKind == JsonValueKind.Object, $"{key} is not among the applicable threats");
        Assert.True(threat.GetProperty("observed").GetBoolean(), $"{key} is not observed");
        Assert.Contains(technique, threat.GetProperty("techniques").EnumerateArray().Select(t => t.GetString()));
        Assert.NotEmpty(threat.GetProperty("supportingFindings").EnumerateArray());
    }

    [Fact]
    public async Task A_suppressed_or_excluded_finding_is_no_evidence()
    {
        using var tree = new TempTree();
        var config = tree.Write("atlasguard.yaml", "suppress:\n  - rule: AG-SVC-001\n    reason: the dashboard sits behind the VPN\n");
        var output = Path.Combine(tree.Root, "result.json");

        var (code, _) = await CliRunner.RunAsync("threat-model", RepoPaths.InRepo("examples", "threat-models", "shadowray", "pipeline.yaml"),
            "--scan", RepoPaths.InRepo("examples", "ray-cluster-repo"), "--config", config, "--exclude", "deploy",
            "--format", "json", "--output", output, "--atlas-data", "embedded");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var findings = json.RootElement.GetProperty("threats").EnumerateArray()
            .SelectMany(t => t.GetProperty("supportingFindings").EnumerateArray()).ToList();
        Assert.NotEmpty(findings);
        Assert.DoesNotContain(findings, f => f.GetProperty("ruleId").GetString() == "AG-SVC-001");
        Assert.DoesNotContain(findings, f => f.GetProperty("location").GetString()!.StartsWith("deploy/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Config_without_scan_is_a_usage_error()
    {
        var (code, _) = await CliRunner.RunAsync("threat-model", RepoPaths.InRepo("examples", "threat-models", "shadowray", "pipeline.yaml"),
            "--exclude", "deploy");

        Assert.Equal(2, code);
    }
}
