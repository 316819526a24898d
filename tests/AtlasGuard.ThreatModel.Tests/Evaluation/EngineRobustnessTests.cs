using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Rules;
using AtlasGuard.ThreatModel.Tests.Rules;

namespace AtlasGuard.ThreatModel.Tests.Evaluation;

public class EngineRobustnessTests
{
    [Fact]
    public void A_rule_that_fails_to_evaluate_becomes_a_diagnostic_naming_it_and_the_others_still_run()
    {
        var text = RuleText.File(
            RuleText.Rule(id: "TM-TEST-001", impact: "\"level('enormous')\""),
            RuleText.Rule(id: "TM-TEST-002"));
        var rules = ThreatRuleSet.Load(text, "rules.yaml").RuleSet!;

        var result = ThreatModelEngine.Evaluate(Pipelines.Example("llm-assistant-rag"), new ThreatEvaluationOptions { Rules = rules });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("TM-TEST-001", diagnostic.RuleId);
        Assert.Equal("knowledge-index", diagnostic.ComponentId);
        Assert.Contains(result.Threats, t => t.RuleId == "TM-TEST-002");
        Assert.DoesNotContain(result.Threats, t => t.RuleId == "TM-TEST-001");
    }

    [Theory]
    [InlineData("fraud-partner-api")]
    [InlineData("llm-assistant-rag")]
    [InlineData("ray-research-cluster")]
    public void Examples_evaluate_without_diagnostics_and_sorted(string example)
    {
        var result = Pipelines.Evaluate(Pipelines.Example(example));

        Assert.Empty(result.Diagnostics);
        var keys = result.Threats.Select(t => (t.RuleId, t.ComponentId, t.AttackerId)).ToList();
        Assert.Equal(keys.OrderBy(k => k.RuleId, StringComparer.Ordinal).ThenBy(k => k.ComponentId, StringComparer.Ordinal).ThenBy(k => k.AttackerId, StringComparer.Ordinal), keys);
        Assert.True(result.NotApplicable > 0);
    }

    [Fact]
    public void Evaluation_is_deterministic_across_runs_and_threads()
    {
        var model = Pipelines.Example("ray-research-cluster");
        static string Render(ThreatModelResult r) => string.Join("\n", r.Threats.Select(t => $"{t.Key} {t.Applicability} {t.Mitigation} {t.Score}"))
            + string.Join("\n", r.Paths.Select(p => p.Key));

        var first = Render(Pipelines.Evaluate(model));
        var parallel = Enumerable.Range(0, 8).AsParallel().Select(_ => Render(Pipelines.Evaluate(model))).ToList();

        Assert.All(parallel, r => Assert.Equal(first, r));
    }
}
