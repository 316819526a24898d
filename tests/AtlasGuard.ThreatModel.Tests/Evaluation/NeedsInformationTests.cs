using AtlasGuard.ThreatModel.Evaluation;

namespace AtlasGuard.ThreatModel.Tests.Evaluation;

public class NeedsInformationTests
{
    [Fact]
    public void A_component_without_exposure_needs_information_for_an_internet_attacker()
    {
        var result = Pipelines.Evaluate(Pipelines.Example("ray-research-cluster"));

        var threat = result.Threats.Single(t => t.Key == "TM-INFRA-001@gpu-workers@internet-scanner");
        Assert.Equal(Applicability.NeedsInformation, threat.Applicability);
        Assert.Equal(["exposure"], threat.MissingPaths.ToArray());
        Assert.True(threat.IsOpen is false);
    }

    [Fact]
    public void A_model_fact_the_rule_needs_is_reported_with_its_path()
    {
        var result = Pipelines.Evaluate(Pipelines.Example("fraud-partner-api"));

        var threat = result.Threats.Single(t => t.Key == "TM-SUP-007@scoring-api@compromised-supplier");
        Assert.Equal(Applicability.NeedsInformation, threat.Applicability);
        Assert.Equal(["model.base_models"], threat.MissingPaths.ToArray());
    }

    [Fact]
    public void False_wins_over_unknown_so_a_rule_that_cannot_apply_is_not_listed()
    {
        // gpu-workers lacks exposure, but the compromised supplier has no network position: reachable() is false.
        var result = Pipelines.Evaluate(Pipelines.Example("ray-research-cluster"));

        Assert.DoesNotContain(result.Threats, t => t.Key == "TM-INFRA-001@gpu-workers@compromised-supplier");
    }

    [Fact]
    public void Applicable_threats_have_no_missing_paths()
    {
        var result = Pipelines.Evaluate(Pipelines.Example("llm-assistant-rag"));

        Assert.All(result.Threats.Where(t => t.Applicability == Applicability.Applies), t => Assert.Empty(t.MissingPaths));
        Assert.All(result.Threats.Where(t => t.Applicability == Applicability.NeedsInformation), t => Assert.NotEmpty(t.MissingPaths));
    }
}
