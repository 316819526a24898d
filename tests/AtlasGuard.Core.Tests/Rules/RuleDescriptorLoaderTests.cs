using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Core.Tests.Rules;

public sealed class RuleDescriptorLoaderTests
{
    private const string Valid = """
        [{"id":"AG-TST-001","name":"N","shortDescription":"s","fullDescription":"f","severity":"high","phase":"serving",
          "techniques":["AML.T0011.000"],"mitigations":["AML.M0016"],"remediation":"r"}]
        """;

    [Fact]
    public void Loads_a_valid_rule_with_its_help()
    {
        var rules = Load(Valid);

        var rule = Assert.Single(rules);
        Assert.Equal(Severity.High, rule.DefaultSeverity);
        Assert.Equal(MlopsPhase.Serving, rule.Phase);
        Assert.Equal("help", rule.HelpMarkdown);
    }

    [Theory]
    [InlineData("\"id\":\"AG-TST-001\"", "\"id\":\"bad id\"", "form")]
    [InlineData("\"severity\":\"high\"", "\"severity\":\"severe\"", "severity")]
    [InlineData("\"phase\":\"serving\"", "\"phase\":\"runtime\"", "phase")]
    [InlineData("\"AML.T0011.000\"", "\"T0011\"", "technique")]
    [InlineData("\"AML.M0016\"", "\"M16\"", "mitigation")]
    [InlineData("\"remediation\":\"r\"", "\"remediation\":\"\"", "remediation")]
    [InlineData("\"remediation\":\"r\"", "\"remediation\":\"r\",\"typo\":1", "typo")]
    public void Rejects_invalid_rules(string from, string to, string hint)
    {
        var ex = Record.Exception(() => Load(Valid.Replace(from, to, StringComparison.Ordinal)));

        Assert.NotNull(ex);
        Assert.True(ex is InvalidOperationException or System.Text.Json.JsonException, hint);
    }

    [Fact]
    public void Rejects_a_rule_without_help()
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(Valid));

        Assert.Throws<InvalidOperationException>(() => RuleDescriptorLoader.Load(json, _ => null));
    }

    [Fact]
    public void Scan_rules_load_with_help_and_atlas_ids()
    {
        var rules = ScanRules.All;

        Assert.Equal(10, rules.Length);
        Assert.All(rules, r =>
        {
            Assert.StartsWith("AG-SCN-", r.Id, StringComparison.Ordinal);
            Assert.NotEmpty(r.Techniques);
            Assert.NotEmpty(r.Mitigations);
            Assert.DoesNotContain("TODO", r.HelpMarkdown, StringComparison.Ordinal);
            Assert.True(r.HelpMarkdown.Length > 40);
        });
    }

    private static IReadOnlyList<RuleDescriptor> Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return RuleDescriptorLoader.Load(stream, _ => "help");
    }
}
