using AtlasGuard.ThreatModel.Profiles;

namespace AtlasGuard.ThreatModel.Tests.Evaluation;

/// <summary>
/// Threats are fitted to attackers who would want them: poisoning, tampering and backdoors to attackers with an
/// integrity goal, collection to those after confidentiality, compute hijacking to those after abuse or
/// availability. An opportunistic scanner is never shown poisoning a dataset.
/// </summary>
public class AttackerFitTests
{
    public static TheoryData<string> Examples() =>
        new(["fraud-partner-api", "llm-assistant-rag", "ray-research-cluster", "shadowray", "pytorch-dependency-chain", "poisongpt"]);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Integrity_attacks_are_only_fitted_to_attackers_with_an_integrity_goal(string example)
    {
        var model = Pipelines.Example(example);
        var result = Pipelines.Evaluate(model);
        string[] integrityOnly = ["AML.T0020", "AML.T0018.000", "AML.T0018.002", "AML.T0059"];

        var misfits = result.Threats
            .Where(t => t.Techniques.Any(integrityOnly.Contains) && !t.RuleId.StartsWith("TM-SUP-", StringComparison.Ordinal))
            .Where(t => !model.AttackerProfiles.Single(p => p.Id == t.AttackerId).Goals.Contains(AttackerGoal.Integrity))
            .Select(t => t.Key)
            .ToList();

        Assert.Empty(misfits);
    }

    [Fact]
    public void The_internet_scanner_is_not_shown_poisoning_public_training_data()
    {
        var result = Pipelines.Evaluate(Pipelines.Example("shadowray"));

        Assert.DoesNotContain(result.Threats, t => t.RuleId == "TM-DATA-001" && t.AttackerId == "internet-scanner");
        Assert.Contains(result.Threats, t => t.RuleId == "TM-INFRA-002" && t.AttackerId == "internet-scanner");
    }
}
