using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Evidence;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Tests.Evaluation;

public sealed class ObservedThreatTests
{
    private static readonly PipelineModel Model = Pipelines.Load(Pipelines.Tweak(Pipelines.WithoutSources(Pipelines.Text("shadowray")),
        "  - id: ray-workers\n    type: training_compute\n",
        "  - id: ray-workers\n    type: training_compute\n    sources: [ \"models\", \"requirements.txt\" ]\n"));

    [Fact]
    public void Threats_are_observed_exactly_where_a_placed_finding_supports_them()
    {
        // Given a pickle finding under the workers' sources and one under no source
        var evidence = ScanEvidence.Place(Model,
        [
            Finding("models/resnet.pt", "AG-MDL-001", Severity.Critical, "AML.T0011.000"),
            Finding("elsewhere/x.pt", "AG-MDL-001", Severity.Critical, "AML.T0011.000"),
        ]);

        // When
        var plain = Evaluate(ScanEvidence.None);
        var result = Evaluate(evidence);

        // Then: observed threats are on ray-workers, for rules whose evidence patterns match AG-MDL-001
        var observed = result.Threats.Where(t => t.Observed).ToList();
        Assert.NotEmpty(observed);
        Assert.All(observed, t =>
        {
            Assert.Equal("ray-workers", t.ComponentId);
            Assert.Equal(4, t.Score.Likelihood);
            Assert.Equal("models/resnet.pt", Assert.Single(t.SupportingFindings).Path);
        });
        var expected = plain.Threats
            .Where(t => t.ComponentId == "ray-workers" && (t.Evidence.IsEmpty
                ? t.Techniques.Any(x => x.StartsWith("AML.T0011", StringComparison.Ordinal))
                : RuleIdPattern.IsMatchAny(t.Evidence, "AG-MDL-001")))
            .Select(t => t.Key);
        Assert.Equal(expected, observed.Select(t => t.Key));
        Assert.Contains(observed, t => t.RuleId == "TM-SUP-001");
        Assert.Equal("elsewhere/x.pt", Assert.Single(result.UnplacedFindings).Path);
        Assert.Equal(2, result.ScanFindings);
    }

    [Fact]
    public void Without_evidence_nothing_is_observed_and_scores_are_unchanged()
    {
        var result = Evaluate(ScanEvidence.None);

        Assert.DoesNotContain(result.Threats, t => t.Observed);
        Assert.Empty(result.UnplacedFindings);
        Assert.Equal(0, result.ScanFindings);
    }

    [Fact]
    public void A_finding_that_supports_no_rule_observes_nothing()
    {
        var evidence = ScanEvidence.Place(Model, [Finding("requirements.txt", "AG-XYZ-001", Severity.Low, "AML.T9999")]);

        var result = Evaluate(evidence);

        Assert.DoesNotContain(result.Threats, t => t.Observed);
        Assert.Empty(result.UnplacedFindings);
    }

    private static ThreatModelResult Evaluate(ScanEvidence evidence) =>
        ThreatModelEngine.Evaluate(Model, new ThreatEvaluationOptions { Time = new FixedTime(new DateOnly(2026, 11, 26)), Evidence = evidence });

    private static EvidenceFinding Finding(string path, string rule, Severity severity, string technique) =>
        new(rule, severity, path, null, null, "test finding", ImmutableArray.Create(technique), path + rule);
}
