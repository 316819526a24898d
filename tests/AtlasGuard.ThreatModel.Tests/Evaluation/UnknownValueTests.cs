using AtlasGuard.ThreatModel.Evaluation;

namespace AtlasGuard.ThreatModel.Tests.Evaluation;

/// <summary>
/// <c>unknown</c> is how a document says a required scale has not been decided: it loads, and rules read it as
/// missing, so they report needs information instead of guessing either end of the scale.
/// </summary>
public class UnknownValueTests
{
    [Fact]
    public void Unknown_business_criticality_loads_and_makes_impact_assumed_rather_than_guessed()
    {
        var text = Pipelines.Tweak(Pipelines.Text("fraud-partner-api"), "business_criticality: critical", "business_criticality: unknown");

        var model = Pipelines.Load(text);
        var result = Pipelines.Evaluate(model);

        Assert.Equal(AtlasGuard.ThreatModel.Model.Criticality.Unknown, model.Metadata.BusinessCriticality);
        Assert.Contains(result.Threats, t => t.Score is { ImpactAssumed: true } || t.MissingPaths.Contains("pipeline.business_criticality"));
    }

    [Fact]
    public void Unknown_decision_use_turns_a_rule_that_needs_it_into_needs_information()
    {
        var text = Pipelines.Tweak(Pipelines.Text("llm-assistant-rag"), "decision_use: none", "decision_use: unknown");

        var before = Pipelines.Evaluate(Pipelines.Load(Pipelines.Text("llm-assistant-rag")));
        var after = Pipelines.Evaluate(Pipelines.Load(text));

        Assert.DoesNotContain(before.Threats, t => t.MissingPaths.Contains("model.decision_use"));
        Assert.Contains(after.Threats, t => t.Applicability == Applicability.NeedsInformation && t.MissingPaths.Contains("model.decision_use"));
    }
}
