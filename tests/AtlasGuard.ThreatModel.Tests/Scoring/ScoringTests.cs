using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Rules;
using AtlasGuard.ThreatModel.Scoring;
using AtlasGuard.ThreatModel.Tests.Evaluation;
using AtlasGuard.ThreatModel.Tests.Rules;

namespace AtlasGuard.ThreatModel.Tests.Scoring;

public class ScoringTests
{
    [Theory]
    [InlineData(1, RiskBand.Low)]
    [InlineData(3, RiskBand.Low)]
    [InlineData(4, RiskBand.Medium)]
    [InlineData(7, RiskBand.Medium)]
    [InlineData(8, RiskBand.High)]
    [InlineData(11, RiskBand.High)]
    [InlineData(12, RiskBand.Critical)]
    [InlineData(16, RiskBand.Critical)]
    public void Risk_falls_in_the_documented_band(int risk, RiskBand band) => Assert.Equal(band, RiskScale.Band(risk));

    [Theory]
    [InlineData("none", 1)]
    [InlineData("low", 1)]
    [InlineData("medium", 2)]
    [InlineData("internal", 2)]
    [InlineData("high", 3)]
    [InlineData("confidential", 3)]
    [InlineData("critical", 4)]
    [InlineData("very_high", 4)]
    [InlineData("strictly_confidential", 4)]
    public void Scale_words_map_to_levels(string word, int level)
    {
        Assert.True(RiskScale.TryLevel(word, out var actual));
        Assert.Equal(level, actual);
    }

    [Theory]
    [InlineData("AML.T0024.002", 1)] // realized
    [InlineData("AML.T0051.001", 0)] // demonstrated
    [InlineData("AML.T0024.000", -1)] // feasible
    public void Maturity_nudges_likelihood(string technique, int nudge) =>
        Assert.Equal(nudge, ThreatScorer.MaturityNudge(AtlasCatalog.Embedded, technique));

    [Fact]
    public void Likelihood_is_base_plus_modifiers_plus_maturity_clamped_to_four()
    {
        // base 3 + 2 true ups + demonstrated (0) = 5, clamped to 4; impact 'critical' = 4.
        var rules = Load(RuleText.Rule(likelihood: "{ base: 3, up: [\"true\", \"props.untrusted_writes\"], down: [\"props.per_document_acl\"] }", impact: "\"'critical'\""));
        var threat = Evaluate(rules).Single(t => t.Key == "TM-TEST-001@knowledge-index@content-planter");

        Assert.Equal(4, threat.Score.Likelihood);
        Assert.Equal(4, threat.Score.Impact);
        Assert.Equal(16, threat.Score.Risk);
        Assert.Equal(RiskBand.Critical, threat.Score.Band);
    }

    [Fact]
    public void Unknown_impact_is_assumed_medium_and_marked()
    {
        var rules = Load(RuleText.Rule(impact: "\"level(model.ip_value)\""));
        var threat = Evaluate(rules).Single(t => t.Key == "TM-TEST-001@knowledge-index@content-planter");

        Assert.Equal(ThreatScorer.AssumedImpact, threat.Score.Impact);
        Assert.True(threat.Score.ImpactAssumed);
    }

    [Fact]
    public void Mitigated_threat_keeps_its_inherent_risk_and_shows_residual_risk()
    {
        var result = Pipelines.Evaluate(Pipelines.Example("llm-assistant-rag"));

        var threat = result.Threats.Single(t => t.Key == "TM-LLM-001@chat-frontend@jailbreaking-user");
        Assert.Equal(MitigationStatus.Mitigated, threat.Mitigation);
        Assert.Equal(threat.Score.Likelihood * threat.Score.Impact, threat.Score.Risk);
        Assert.Equal(threat.Score.Impact, threat.Score.ResidualRisk);
        Assert.True(threat.Score.ResidualRisk < threat.Score.Risk);
    }

    [Fact]
    public void Aggregates_add_up_per_phase_tactic_and_component()
    {
        var result = Pipelines.Evaluate(Pipelines.Example("fraud-partner-api"));
        var counted = result.Threats.Where(t => t.Applicability == Applicability.Applies
            && t.Tracking?.Entry.Status != AtlasGuard.ThreatModel.Model.RiskStatus.FalsePositive).ToList();

        Assert.Equal(counted.Count, result.Aggregates.ByPhase.Sum(a => a.Threats));
        Assert.Equal(counted.Count, result.Aggregates.ByComponent.Sum(a => a.Threats));
        Assert.Equal(counted.Sum(t => t.Score.Risk), result.Aggregates.ByComponent.Sum(a => a.TotalRisk));
        Assert.Equal(counted.Sum(t => t.Tactics.Length), result.Aggregates.ByTactic.Sum(a => a.Threats));
        var serving = result.Aggregates.ByPhase.Single(a => a.Key == "serving");
        Assert.Equal(counted.Where(t => t.Phase == AtlasGuard.Core.Findings.MlopsPhase.Serving).Max(t => t.Score.Risk), serving.MaxRisk);
        Assert.Equal(RiskScale.Band(serving.MaxRisk), serving.MaxBand);
    }

    private static ThreatRuleSet Load(string rule)
    {
        var result = ThreatRuleSet.Load(RuleText.File(rule), "rules.yaml");
        Assert.True(result.RuleSet is not null, string.Join("\n", result.Diagnostics));
        return result.RuleSet;
    }

    private static IEnumerable<Threat> Evaluate(ThreatRuleSet rules) =>
        ThreatModelEngine.Evaluate(Pipelines.Example("llm-assistant-rag"), new ThreatEvaluationOptions { Rules = rules }).Threats;
}
