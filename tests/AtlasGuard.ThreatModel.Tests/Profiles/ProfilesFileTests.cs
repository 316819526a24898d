using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Profiles;

namespace AtlasGuard.ThreatModel.Tests.Profiles;

public class ProfilesFileTests
{
    private const string ProfilesFile = """
        apiVersion: atlasguard.dev/threat-model/v1
        kind: AttackerProfiles
        metadata: { name: red-team }
        profiles:
          - id: rival-lab
            description: A competing lab that wants our weights.
            goals: [confidentiality]
            objectives: [model_theft]
            knowledge: grey_box
            knows: [model_family]
            access:
              model: [{ type: inference_api }]
              network: internet
              insider: none
            capabilities: { training_data_control: none, model_control: none, query_budget: 50000, identities: 10 }
            skill: expert
        """;

    private const string Pipeline = """
        apiVersion: atlasguard.dev/threat-model/v1
        kind: PipelineModel
        metadata: { name: p, owner: o, business_criticality: critical, atlas_version: "5.6.0" }
        trust_zones: [{ id: z, trust: internal }]
        model_assets: [{ id: m, kind: predictive, decision_use: business, ip_value: high, weights_exposure: private }]
        components: [{ id: api, type: inference_endpoint, zone: z, serves: m }]
        attacker_profiles:
          - use: rival-lab
            via: [api]
        """;

    [Fact]
    public void A_profiles_file_loads_into_typed_profiles()
    {
        var result = ThreatModelLoader.LoadProfiles(ProfilesFile, "red-team.yaml");

        Assert.Empty(result.Diagnostics);
        var rival = Assert.Single(result.Profiles);
        Assert.Equal(ProfileOrigin.ProfilesFile, rival.Origin);
        Assert.Equal("red-team.yaml", rival.SourceFile);
        Assert.Equal(5, rival.Position.Line);
    }

    [Fact]
    public void A_pipeline_uses_a_profile_from_a_loaded_file_by_id()
    {
        var profiles = ThreatModelLoader.LoadProfiles(ProfilesFile, "red-team.yaml").Profiles;

        var result = ThreatModelLoader.Load(Pipeline, "p.yaml", new ThreatModelLoadOptions { Profiles = profiles });

        Assert.Empty(result.Diagnostics);
        Assert.Equal<string>(["api"], result.Model!.FindProfile("rival-lab")!.Access.Model.Single().Via);
    }

    [Fact]
    public void Without_the_file_the_reference_is_an_error_naming_the_line()
    {
        var result = ThreatModelLoader.Load(Pipeline, "p.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnknownProfile, 8), (error.Code, error.Line));
    }

    [Fact]
    public void A_profiles_file_cannot_bind_components()
    {
        var text = ProfilesFile.Replace("{ type: inference_api }", "{ type: inference_api, via: [api] }", StringComparison.Ordinal);

        var result = ThreatModelLoader.LoadProfiles(text, "red-team.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.WrongReferenceKind, error.Code);
        Assert.Empty(result.Profiles);
    }

    [Fact]
    public void Each_loader_refuses_the_other_kind()
    {
        var asProfiles = ThreatModelLoader.LoadProfiles(Pipeline, "p.yaml");
        var asPipeline = ThreatModelLoader.Load(ProfilesFile, "red-team.yaml");

        Assert.Equal(DiagnosticCodes.WrongKind, Assert.Single(asProfiles.Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.WrongKind, Assert.Single(asPipeline.Diagnostics).Code);
    }

    [Fact]
    public void An_inline_profile_that_hides_a_built_in_is_a_warning()
    {
        var text = ProfilesFile.Replace("rival-lab", "external-api-user", StringComparison.Ordinal);
        var pipeline = Pipeline.Replace("  - use: rival-lab\n    via: [api]", text[(text.IndexOf("  - id:", StringComparison.Ordinal))..], StringComparison.Ordinal);

        var result = ThreatModelLoader.Load(pipeline, "p.yaml");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.ProfileShadowed, DiagnosticSeverity.Warning), (warning.Code, warning.Severity));
        Assert.Equal(ProfileOrigin.Inline, result.Model!.FindProfile("external-api-user")!.Origin);
    }
}
