namespace AtlasGuard.ThreatModel.Tests.Evaluation;

/// <summary>Changing one control or property changes exactly the threats it should, and nothing else.</summary>
public class ControlChangeTableTests
{
    private const string RateLimitOnMonitoring = "implements: [AML.M0004]\n    applies_to: [fraud-monitoring]\n    status: implemented";

    public static TheoryData<string, string, string, string, string[]> Cases() => new()
    {
        {
            "Authentication on the Ray head removes the exposed-infrastructure threats there and nothing else",
            "ray-research-cluster", "product: ray, auth: none", "product: ray, auth: token",
            [
                "-TM-INFRA-001@ray-head@insider-data-scientist",
                "-TM-INFRA-001@ray-head@internet-scanner",
                "-TM-INFRA-002@ray-head@internet-scanner",
                "-TM-SUP-004@ray-head@internet-scanner",
            ]
        },
        {
            "Authentication on MLflow removes its exploitation and artifact-collection threats",
            "ray-research-cluster", "product: mlflow, auth: none", "product: mlflow, auth: sso",
            [
                "-TM-INFRA-001@mlflow-server@insider-data-scientist",
                "-TM-INFRA-003@mlflow-server@insider-data-scientist",
            ]
        },
        {
            "Declaring the workers' exposure resolves their needs-information threats",
            "ray-research-cluster", "zone: gpu-cluster\n    props: { platform: ray", "zone: gpu-cluster\n    exposure: internal\n    props: { platform: ray",
            [
                "-TM-INFRA-001@gpu-workers@internet-scanner",
                "-TM-SUP-004@gpu-workers@internet-scanner",
                "~TM-INFRA-001@gpu-workers@insider-data-scientist NeedsInformation/Missing -> Applies/Missing",
            ]
        },
        {
            "Removing a property the rule needs gives needs-information, not a silent pass",
            "llm-assistant-rag", "untrusted_writes: true, ", "",
            ["~TM-LLM-003@knowledge-index@content-planter Applies/Missing -> NeedsInformation/Missing"]
        },
        {
            "Content review on the retrieval store removes indirect prompt injection there",
            "llm-assistant-rag", "content_review: false", "content_review: true",
            ["-TM-LLM-003@knowledge-index@content-planter"]
        },
        {
            "A planned control makes a missing mitigation planned",
            "llm-assistant-rag", "  - id: per-user-quota", "  - id: rag-review\n    implements: [AML.M0033]\n    applies_to: [knowledge-index]\n    status: planned\n  - id: per-user-quota",
            [
                "~TM-LLM-003@knowledge-index@content-planter Applies/Missing -> Applies/Planned",
                "~TM-LLM-004@knowledge-index@content-planter Applies/Missing -> Applies/Planned",
            ]
        },
        {
            "Human approval of every action removes agent exfiltration",
            "llm-assistant-rag", "human_approval: none", "human_approval: all",
            ["-TM-AGT-001@support-agent@content-planter", "-TM-AGT-008@support-agent@content-planter"]
        },
        {
            "A narrowly scoped mail tool removes credential harvesting through the agent",
            "llm-assistant-rag", "auth_scope: organization_wide", "auth_scope: service_narrow",
            ["-TM-AGT-004@support-agent@content-planter"]
        },
        {
            "A first-party mail tool removes poisoning through third-party tool output",
            "llm-assistant-rag", "source: remote_mcp", "source: first_party",
            ["-TM-AGT-006@support-agent@content-planter", "-TM-SUP-006@send-email@compromised-supplier"]
        },
        {
            "Without memory, planted thread instructions have nowhere to wait",
            "llm-assistant-rag", "memory: session", "memory: none",
            ["-TM-AGT-007@support-agent@content-planter"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Changing_one_thing_changes_exactly_the_expected_threats(string why, string example, string find, string replace, string[] expected)
    {
        var text = Pipelines.Text(example);
        var before = Pipelines.Evaluate(Pipelines.Load(text));
        var after = Pipelines.Evaluate(Pipelines.Load(Pipelines.Tweak(text, find, replace)));

        Assert.True(expected.SequenceEqual(Pipelines.Diff(before, after)), why + ": " + string.Join(" | ", Pipelines.Diff(before, after)));
    }

    [Fact]
    public void Verified_rate_limiting_on_the_partner_api_mitigates_extraction_only_where_mitigated_when_holds()
    {
        // Baseline: the rate limit protects another component, so the scoring API has none.
        var text = Pipelines.Tweak(Pipelines.Text("fraud-partner-api"),
            "implements: [AML.M0004]\n    applies_to: [scoring-api]\n    status: implemented", RateLimitOnMonitoring);
        var before = Pipelines.Evaluate(Pipelines.Load(text));
        var after = Pipelines.Evaluate(Pipelines.Load(Pipelines.Tweak(text, RateLimitOnMonitoring,
            "implements: [AML.M0004]\n    applies_to: [scoring-api, fraud-monitoring]\n    status: verified")));

        Assert.Equal(
            [
                "~TM-EXT-001@scoring-api@fraud-ring Applies/Missing -> Applies/Mitigated",
                "~TM-EXT-001@scoring-api@grey-box-partner Applies/Missing -> Applies/Mitigated",
            ],
            Pipelines.Diff(before, after));

        // Membership inference needs label-only outputs besides the rate limit; the API returns scores.
        var privacy = after.Threats.Single(t => t.Key == "TM-PRIV-001@scoring-api@grey-box-partner");
        Assert.Equal(AtlasGuard.ThreatModel.Evaluation.MitigationStatus.Missing, privacy.Mitigation);
        Assert.Contains("AML.M0004", privacy.ControlsPresent);
        Assert.Contains("AML.M0002", privacy.ControlsMissing);
    }
}
