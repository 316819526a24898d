using AtlasGuard.Detectors;
using AtlasGuard.Reporting.Rules;
using AtlasGuard.Testing;

namespace AtlasGuard.Cli.Tests;

public sealed class RulesDocumentationTests
{
    [Fact]
    public void Docs_rules_md_is_current()
    {
        var rules = BuiltInDetectors.CreateSet(DetectorOptions.Default).Rules;
        var expected = RulesMarkdown.Render(rules);
        var path = RepoPaths.InRepo("docs", "rules.md");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected,
            "docs/rules.md is out of date: run `UPDATE_GOLDEN=1 ./test.sh` (or `atlasguard rules --format markdown > docs/rules.md`).");
    }

    [Fact]
    public void Every_rule_has_atlas_ids_help_and_a_remediation()
    {
        foreach (var r in BuiltInDetectors.CreateSet(DetectorOptions.Default).Rules)
        {
            Assert.NotEmpty(r.Techniques);
            Assert.NotEmpty(r.Mitigations);
            Assert.False(string.IsNullOrWhiteSpace(r.Remediation), r.Id);
            Assert.True(r.HelpMarkdown.Length > 40, r.Id);
            Assert.DoesNotContain("TODO", r.HelpMarkdown, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Rules_command_lists_every_rule()
    {
        var (code, output) = await CliRunner.RunAsync("rules");

        Assert.Equal(0, code);
        foreach (var r in BuiltInDetectors.CreateSet(DetectorOptions.Default).Rules)
        {
            Assert.Contains(r.Id, output, StringComparison.Ordinal);
        }
    }
}
