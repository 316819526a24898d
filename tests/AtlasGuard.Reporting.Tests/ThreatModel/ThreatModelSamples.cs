using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
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
        var text = File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", "shadowray", "pipeline.yaml"))
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

    private sealed class FixedDay : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    }
}
