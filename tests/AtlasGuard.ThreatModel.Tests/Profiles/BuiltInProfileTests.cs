using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Profiles;

namespace AtlasGuard.ThreatModel.Tests.Profiles;

public class BuiltInProfileTests
{
    [Fact]
    public void The_embedded_profiles_file_validates_against_the_schema_without_any_diagnostic()
    {
        var result = ThreatModelLoader.LoadProfiles(BuiltInProfiles.Text, BuiltInProfiles.SourceName);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(BuiltInProfiles.All.Select(p => p.Id), result.Profiles.Select(p => p.Id));
    }

    [Theory]
    [InlineData("external-api-user")]
    [InlineData("insider-data-scientist")]
    [InlineData("compromised-supplier")]
    [InlineData("grey-box-partner")]
    [InlineData("internet-scanner")]
    [InlineData("content-planter")]
    public void The_profiles_the_issue_asks_for_are_built_in(string id)
    {
        var profile = BuiltInProfiles.Find(id);

        Assert.NotNull(profile);
        Assert.Equal(ProfileOrigin.BuiltIn, profile.Origin);
        Assert.False(string.IsNullOrWhiteSpace(profile.Name));
        Assert.True(profile.Description?.Length > 80, $"{id} needs a real description");
        Assert.NotEmpty(profile.Goals);
    }

    [Fact]
    public void Built_in_profiles_differ_where_their_names_say_they_do()
    {
        Assert.Equal(KnowledgeLevel.WhiteBox, BuiltInProfiles.Find("insider-data-scientist")!.Knowledge);
        Assert.Equal(KnowledgeLevel.GreyBox, BuiltInProfiles.Find("grey-box-partner")!.Knowledge);
        Assert.Equal(ModelAccessType.InferenceApi, BuiltInProfiles.Find("external-api-user")!.Access.Model.Single().Type);
        Assert.Contains("models", BuiltInProfiles.Find("compromised-supplier")!.Access.Supplier);
        Assert.Equal(ControlLevel.Partial, BuiltInProfiles.Find("content-planter")!.Capabilities.ResourceControl);
        Assert.Empty(BuiltInProfiles.Find("internet-scanner")!.Access.Model);
    }

    [Fact]
    public void Built_in_profiles_bind_to_no_components() =>
        Assert.All(BuiltInProfiles.All, p => Assert.All(p.Access.Model, m => Assert.True(m.Via.IsDefaultOrEmpty)));
}
