using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Tests.Evaluation;

public class RiskTrackingTests
{
    [Fact]
    public void Accepted_decision_matched_by_technique_is_honoured_before_it_expires()
    {
        var result = Pipelines.Evaluate(Pipelines.Example("fraud-partner-api"), new DateOnly(2026, 12, 1));

        var threat = result.Threats.Single(t => t.Key == "TM-EXT-001@scoring-api@grey-box-partner");
        Assert.Equal(RiskStatus.Accepted, threat.Tracking!.Entry.Status);
        Assert.True(threat.Tracking.Honoured);
        Assert.Empty(result.ExpiredDecisions);
        Assert.Null(result.Threats.Single(t => t.Key == "TM-EXT-001@scoring-api@fraud-ring").Tracking);
    }

    [Fact]
    public void Expired_decision_is_flagged_and_not_honoured()
    {
        var result = Pipelines.Evaluate(Pipelines.Example("fraud-partner-api"), new DateOnly(2027, 4, 2));

        var threat = result.Threats.Single(t => t.Key == "TM-EXT-001@scoring-api@grey-box-partner");
        Assert.True(threat.Tracking!.Expired);
        Assert.False(threat.Tracking.Honoured);
        Assert.Equal("AML.T0024.002@scoring-api@grey-box-partner", Assert.Single(result.ExpiredDecisions).Threat);
    }

    [Fact]
    public void False_positive_has_no_residual_risk_and_is_left_out_of_aggregates()
    {
        var result = Pipelines.Evaluate(Pipelines.Example("llm-assistant-rag"));

        var threat = result.Threats.Single(t => t.ComponentId == "embedding-service");
        Assert.Equal(RiskStatus.FalsePositive, threat.Tracking!.Entry.Status);
        Assert.Equal(0, threat.Score.ResidualRisk);
        Assert.True(threat.Score.Risk > 0);
        Assert.False(threat.IsOpen);
        Assert.DoesNotContain(result.Aggregates.ByComponent, a => a.Key == "embedding-service");
    }

    [Fact]
    public void Mitigated_decision_by_rule_id_closes_the_threat_and_wins_over_a_wildcard()
    {
        var text = Pipelines.Text("llm-assistant-rag") + """
              - threat: "*@knowledge-index@*"
                status: accepted
                owner: someone
                date: 2026-11-01
                justification: Broad acceptance.
              - threat: TM-LLM-003@knowledge-index
                status: mitigated
                owner: someone
                date: 2026-11-01
                justification: Tickets are stripped of instructions by a pre-processor the model does not show.

            """.Replace("    - threat", "  - threat", StringComparison.Ordinal);
        var result = Pipelines.Evaluate(Pipelines.Load(text));

        var threat = result.Threats.Single(t => t.Key == "TM-LLM-003@knowledge-index@content-planter");
        Assert.Equal(RiskStatus.Mitigated, threat.Tracking!.Entry.Status);
        Assert.False(threat.IsOpen);
        Assert.Equal(threat.Score.Impact, threat.Score.ResidualRisk);
        Assert.Equal(RiskStatus.Accepted, result.Threats.Single(t => t.Key == "TM-LLM-004@knowledge-index@content-planter").Tracking!.Entry.Status);
    }
}
