using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Profiles;

namespace AtlasGuard.ThreatModel.Tests.Model;

public class WireNamesTests
{
    [Fact]
    public void Every_component_type_round_trips_through_its_wire_name() =>
        Assert.All(Enum.GetValues<ComponentType>(), t => Assert.True(WireNames.TryParse<ComponentType>(t.ToWireName(), out var back) && back == t));

    [Theory]
    [InlineData("LlmEndpoint")]
    [InlineData("llm-endpoint")]
    [InlineData("llmendpoint")]
    [InlineData("3")]
    [InlineData("")]
    public void Only_the_exact_snake_case_name_parses(string text) =>
        Assert.False(WireNames.TryParse<ComponentType>(text, out _));

    [Fact]
    public void Multi_word_names_use_underscores() =>
        Assert.Equal(("mission_critical", "white_box", "nation_state"),
            (Criticality.MissionCritical.ToWireName(), KnowledgeLevel.WhiteBox.ToWireName(), SkillLevel.NationState.ToWireName()));
}
