using AtlasGuard.Core.Atlas;
using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Rules;

namespace AtlasGuard.ThreatModel.Tests.Rules;

public class RulesDocumentationTests
{
    private const string Begin = "<!-- generated:rules:begin (UPDATE_GOLDEN=1 dotnet test tests/AtlasGuard.ThreatModel.Tests rewrites this part) -->\n";
    private const string End = "<!-- generated:rules:end -->\n";

    [Fact]
    public void Docs_threat_model_rules_md_lists_the_current_rules()
    {
        var path = RepoPaths.InRepo("docs", "threat-model-rules.md");
        var text = File.ReadAllText(path);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/threat-model-rules.md lacks the generated-section markers.");

        var expected = string.Concat(text.AsSpan(0, start + Begin.Length), ThreatRulesMarkdown.Render(ThreatRuleSet.Embedded, AtlasCatalog.Embedded), text.AsSpan(end));
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(expected == File.ReadAllText(path), "docs/threat-model-rules.md is out of date: run `UPDATE_GOLDEN=1 dotnet test tests/AtlasGuard.ThreatModel.Tests`.");
    }
}
