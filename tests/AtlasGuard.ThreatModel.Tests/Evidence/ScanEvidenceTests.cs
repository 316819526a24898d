using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.ThreatModel.Evidence;
using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Tests.Evidence;

public sealed class ScanEvidenceTests
{
    private const string Document = """
        apiVersion: atlasguard.dev/threat-model/v1
        kind: PipelineModel
        metadata: { name: evidence, owner: tests, business_criticality: important, atlas_version: "5.6.0" }
        trust_zones: [ { id: corp, trust: internal } ]
        components:
          - id: registry
            type: model_registry
            zone: corp
            sources: [ "models", "third_party/*/pytorch_model.bin" ]
          - id: ray
            type: orchestrator
            zone: corp
            sources: [ "deploy/**/*.yaml", "train.py" ]
          - id: notebooks
            type: notebook_env
            zone: corp
        """;

    private static readonly PipelineModel Model = Load();

    [Theory]
    [InlineData("models/fraud.pt", "registry")]
    [InlineData("models/v2/archive.zip", "registry")]
    [InlineData("third_party/bert/pytorch_model.bin", "registry")]
    [InlineData("deploy/ray/cluster.yaml", "ray")]
    [InlineData("deploy/cluster.yaml", "ray")]
    [InlineData("train.py", "ray")]
    public void A_finding_is_placed_on_the_component_whose_sources_cover_its_path(string path, string component)
    {
        var evidence = ScanEvidence.Place(Model, [At(path)]);

        Assert.Single(evidence.For(component));
        Assert.Empty(evidence.Unplaced);
    }

    [Theory]
    [InlineData("src/train.py")]
    [InlineData("modelsx/fraud.pt")]
    [InlineData("third_party/a/b/pytorch_model.bin")]
    [InlineData("deploy/ray/values.yml")]
    [InlineData("notebooks/explore.ipynb")]
    public void A_finding_under_no_source_stays_unplaced(string path)
    {
        var evidence = ScanEvidence.Place(Model, [At(path)]);

        Assert.Equal([path], evidence.Unplaced.Select(f => f.Path));
        Assert.All(Model.Components, c => Assert.Empty(evidence.For(c.Id)));
    }

    [Fact]
    public void Supporting_findings_match_the_rule_patterns_when_the_threat_names_some()
    {
        var evidence = ScanEvidence.Place(Model,
        [
            At("models/a.pt", "AG-MDL-001", Severity.Critical, "AML.T0011.000"),
            At("models/b.pt", "AG-MDL-084", Severity.Low, "AML.T0011.000"),
            At("models/c.pt", "AG-SCN-001", Severity.Medium, "AML.T0076"),
        ]);

        var supporting = evidence.Supporting("registry", ["AG-MDL-*"], ["AML.T0076"]);

        Assert.Equal(["AG-MDL-001", "AG-MDL-084"], supporting.Select(f => f.RuleId));
    }

    [Fact]
    public void Without_rule_patterns_a_shared_technique_or_its_parent_supports_the_threat_worst_first()
    {
        var evidence = ScanEvidence.Place(Model,
        [
            At("models/b.pt", "AG-MDL-084", Severity.Low, "AML.T0011.000"),
            At("models/a.pt", "AG-MDL-001", Severity.Critical, "AML.T0010.003"),
            At("models/c.pt", "AG-SCN-001", Severity.Medium, "AML.T0076"),
        ]);

        var supporting = evidence.Supporting("registry", [], ["AML.T0010", "AML.T0011.000"]);

        Assert.Equal(["models/a.pt", "models/b.pt"], supporting.Select(f => f.Path));
        Assert.Empty(evidence.Supporting("ray", [], ["AML.T0010"]));
    }

    [Fact]
    public void Without_a_scan_nothing_is_observed() => Assert.Empty(ScanEvidence.None.For("registry"));

    private static PipelineModel Load()
    {
        var result = ThreatModelLoader.Load(Document, "pipeline.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static EvidenceFinding At(string path, string rule = "AG-MDL-001", Severity severity = Severity.High, string technique = "AML.T0011.000") =>
        new(rule, severity, path, null, null, "message", ImmutableArray.Create(technique), "fp-" + path);
}
