using System.Text.Json.Nodes;
using AtlasGuard.Core.Findings;
using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Profiles;

namespace AtlasGuard.ThreatModel.Tests.Examples;

public class ExampleModelTests
{
    public static TheoryData<string> Examples() =>
        ["fraud-partner-api", "llm-assistant-rag", "ray-research-cluster", "shadowray", "pytorch-dependency-chain", "poisongpt"];

    private static PipelineModel Load(string name)
    {
        var result = ThreatModelLoader.LoadFile(RepoPaths.InRepo("examples", "threat-models", name, "pipeline.yaml"));
        Assert.True(result.Diagnostics.IsEmpty, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Model!;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_loads_without_errors_or_warnings(string name)
    {
        var model = Load(name);

        Assert.Equal(name, model.Metadata.Name);
        Assert.NotEmpty(model.Components);
        Assert.NotEmpty(model.AttackerProfiles);
        Assert.True(File.Exists(RepoPaths.InRepo("examples", "threat-models", name, "README.md")));
    }

    [Fact]
    public void Component_properties_are_reachable_as_json_for_the_rule_language()
    {
        var model = Load("fraud-partner-api");
        var api = model.FindComponent("scoring-api")!;

        Assert.Equal(ComponentType.InferenceEndpoint, api.Type);
        Assert.Equal(MlopsPhase.Serving, api.Phase);
        Assert.Equal(Exposure.Partner, api.Exposure);
        Assert.Equal("scores", api.Props["output"]!["type"]!.GetValue<string>());
        Assert.Equal(4, api.Props["output"]!["precision"]!.GetValue<long>());
        Assert.Same(api.Props, api.Node["props"]);
        Assert.Equal("high", model.ModelServedBy(api)!.Node["ip_value"]!.GetValue<string>());
        Assert.Equal(["partner-rate-limit", "partner-mtls"], model.ControlsOf("scoring-api").Select(c => c.Id));
    }

    [Fact]
    public void A_referenced_built_in_profile_carries_the_pipelines_via_in_its_tree()
    {
        var model = Load("fraud-partner-api");
        var partner = model.FindProfile("grey-box-partner")!;

        Assert.Equal(ProfileOrigin.BuiltIn, partner.Origin);
        Assert.Equal<string>(["scoring-api"], partner.Access.Model.Single().Via);
        Assert.Equal("scoring-api", partner.Node["access"]!["model"]![0]!["via"]![0]!.GetValue<string>());
        Assert.Null(BuiltInProfiles.Find("grey-box-partner")!.Node["access"]!["model"]![0]!["via"]);
    }

    [Fact]
    public void An_inline_profile_is_typed_and_keeps_its_tree()
    {
        var ring = Load("fraud-partner-api").FindProfile("fraud-ring")!;

        Assert.Equal(ProfileOrigin.Inline, ring.Origin);
        Assert.Equal(KnowledgeLevel.BlackBox, ring.Knowledge);
        Assert.Equal(20, ring.Capabilities.Identities);
        Assert.Null(ring.Capabilities.ResourceControl);
        Assert.Equal(5000, ring.Node["capabilities"]!["query_budget"]!.GetValue<long>());
    }

    [Fact]
    public void Phase_defaults_from_the_type_and_an_explicit_phase_wins()
    {
        var model = Load("ray-research-cluster");

        Assert.Equal(MlopsPhase.Training, model.FindComponent("ray-head")!.Phase);
        Assert.Equal(MlopsPhase.Evaluation, model.FindComponent("eval-harness")!.Phase);
        Assert.Equal(MlopsPhase.Deployment, model.FindComponent("checkpoint-store")!.Phase);
    }

    [Fact]
    public void Risk_tracking_entries_are_parsed_into_their_parts()
    {
        var risk = Load("fraud-partner-api").RiskTracking.Single();

        Assert.Equal(("AML.T0024.002", "scoring-api", "grey-box-partner"), (risk.ThreatId, risk.ComponentId, risk.ProfileId));
        Assert.Equal(RiskStatus.Accepted, risk.Status);
        Assert.Equal(new DateOnly(2027, 4, 1), risk.Expires);
    }

    [Fact]
    public void A_component_without_props_gets_an_empty_props_object()
    {
        var text = File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", "fraud-partner-api", "pipeline.yaml"))
            .Replace("    props: { workforce: external_vendor, review_rate: 0.05, consensus: false }\n", "", StringComparison.Ordinal);
        var result = ThreatModelLoader.Load(text, "edited.yaml");

        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        var labeling = result.Model!.FindComponent("chargeback-review")!;
        Assert.Empty(labeling.Props);
        Assert.IsType<JsonObject>(labeling.Node["props"]);
    }
}
