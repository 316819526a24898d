using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.Reporting.ThreatModel;
using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Evidence;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.Reporting.Tests.ThreatModel;

/// <summary>The shadowray example with sources on the Ray workers and one supporting finding, evaluated on a fixed day.</summary>
internal static class ThreatModelSamples
{
    public static ThreatModelResult Shadowray()
    {
        // The example's own sources point into examples/ray-cluster-repo; this sample places findings itself.
        var example = File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", "shadowray", "pipeline.yaml"));
        var text = string.Join('\n', example.Split('\n').Where(line => !line.StartsWith("    sources: ", StringComparison.Ordinal)))
            .Replace("  - id: ray-workers\n    type: training_compute\n",
                "  - id: ray-workers\n    type: training_compute\n    sources: [ \"models\" ]\n", StringComparison.Ordinal);
        var load = ThreatModelLoader.Load(text, "shadowray/pipeline.yaml");
        Assert.True(load.Model is not null, string.Join("\n", load.Diagnostics));
        var evidence = ScanEvidence.Place(load.Model,
        [
            new EvidenceFinding("AG-MDL-001", Severity.Critical, "models/resnet.pt", "data.pkl", null,
                "pickle imports os.system", ImmutableArray.Create("AML.T0011.000"), "fp-1"),
            new EvidenceFinding("AG-SEC-001", Severity.High, "notes/keys.txt", null, 3,
                "AWS key", ImmutableArray.Create("AML.T0055"), "fp-2"),
        ]);
        return ThreatModelEngine.Evaluate(load.Model, new ThreatEvaluationOptions { Time = new FixedDay(), Evidence = evidence });
    }

    /// <summary>
    /// The fraud-partner-api example with every part a file report shows: an observed threat (a poisoned checkpoint
    /// under the registry's sources), the example's accepted decision and one more, a false positive and an expired decision.
    /// </summary>
    public static ThreatModelReport FraudPartner()
    {
        var text = File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", "fraud-partner-api", "pipeline.yaml"))
            .Replace("  - id: model-registry\n    type: model_registry\n",
                "  - id: model-registry\n    type: model_registry\n    sources: [ \"models\" ]\n", StringComparison.Ordinal)
            + """
              - threat: TM-EVA-002@scoring-api@fraud-ring
                status: accepted
                owner: fraud-lead
                date: 2026-09-01
                expires: 2027-03-01
                justification: Fraud rings probe the API anyway; rate limits and case review bound the loss.
                ticket: RISK-418
              - threat: TM-MON-002@fraud-monitoring@fraud-ring
                status: false_positive
                owner: data-platform
                date: 2026-01-10
                justification: Fraud rings never see the monitoring feedback loop.
              - threat: "*@fraud-monitoring"
                status: mitigated
                owner: sre-team
                date: 2025-01-01
                expires: 2025-12-31
                justification: Alerts were reviewed weekly until the team moved.
                ticket: OPS-77

            """;
        return Report(text, "fraud-partner-api/pipeline.yaml");
    }

    /// <summary>Evaluates <paramref name="text"/> on the fixed day with one critical pickle finding in <c>models/</c>.</summary>
    public static ThreatModelReport Report(string text, string file)
    {
        var load = ThreatModelLoader.Load(text, file);
        Assert.True(load.Model is not null, string.Join("\n", load.Diagnostics));
        var evidence = ScanEvidence.Place(load.Model,
        [
            new EvidenceFinding("AG-MDL-001", Severity.Critical, "models/fraud.pt", "data.pkl", null,
                "pickle imports os.system", ImmutableArray.Create("AML.T0011.000"), "fp-1"),
        ]);
        var result = ThreatModelEngine.Evaluate(load.Model, new ThreatEvaluationOptions { Time = new FixedDay(), Evidence = evidence });
        return new ThreatModelReport(result, load.Model) { ToolVersion = "1.2.3", BaseDirectory = AppContext.BaseDirectory };
    }

    private sealed class FixedDay : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    }
}
