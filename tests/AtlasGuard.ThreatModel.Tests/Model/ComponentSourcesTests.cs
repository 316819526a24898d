using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Tests.Model;

public sealed class ComponentSourcesTests
{
    private const string Document = """
        apiVersion: atlasguard.dev/threat-model/v1
        kind: PipelineModel
        metadata: { name: sources, owner: tests, business_criticality: important, atlas_version: "5.6.0" }
        trust_zones: [ { id: corp, trust: internal } ]
        components:
          - id: registry
            type: model_registry
            zone: corp
            sources: [ "models/**", "third_party/*/pytorch_model.bin" ]
          - id: tracking
            type: experiment_tracking
            zone: corp
        """;

    [Fact]
    public void Sources_are_read_in_document_order_and_default_to_none()
    {
        var result = ThreatModelLoader.Load(Document, "pipeline.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal<string>(["models/**", "third_party/*/pytorch_model.bin"], result.Model!.FindComponent("registry")!.Sources);
        Assert.Empty(result.Model.FindComponent("tracking")!.Sources);
    }

    [Theory]
    [InlineData("C:/models/**")]
    [InlineData("models\\\\net.pt")]
    [InlineData("models/../../etc")]
    public void A_source_outside_the_repository_is_an_error(string source)
    {
        var result = ThreatModelLoader.Load(Document.Replace("models/**", source, StringComparison.Ordinal), "pipeline.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.BadSource);
        Assert.Equal(9, error.Line);
        Assert.Null(result.Model);
    }
}
