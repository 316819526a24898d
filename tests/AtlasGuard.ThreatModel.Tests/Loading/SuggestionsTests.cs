using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Tests.Loading;

public class SuggestionsTests
{
    [Fact]
    public void Nearest_declines_when_nothing_is_close() =>
        Assert.Null(Suggestions.Nearest("orchestration", ["data_source", "tool", "agent"]));

    [Theory]
    [InlineData("data-preparation", "data")]
    [InlineData("runtime", "serving")]
    [InlineData("model-training", "training")]
    [InlineData("maintenance", "monitoring")]
    public void Other_vocabularies_phase_names_map_to_ours(string name, string phase) =>
        Assert.Equal(phase, Suggestions.PhaseFor(name));

    [Fact]
    public void A_hyphenated_form_of_an_allowed_value_is_suggested() =>
        Assert.Equal("third_party", Suggestions.Nearest("third-party", ["first_party", "third_party"]));
}

public class AliasHintTests
{
    [Theory]
    [InlineData("privacy_compromise", "confidentiality")]
    [InlineData("integrity_violation", "integrity")]
    [InlineData("misuse_enablement", "abuse")]
    public void Nist_goal_names_map_to_ours_when_allowed(string name, string ours) =>
        Assert.Equal(ours, Suggestions.AliasFor(name, ["integrity", "availability", "confidentiality", "abuse"]));

    [Fact]
    public void An_alias_is_not_offered_where_its_target_is_not_allowed() =>
        Assert.Null(Suggestions.AliasFor("privacy_compromise", ["none", "partial", "full"]));
}
