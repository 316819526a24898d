using System.Globalization;
using System.Text;
using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Rules;

/// <summary>
/// Renders the rule list, the coverage figures and the out-of-scope techniques as Markdown, the generated part of
/// docs/threat-model-rules.md (a test keeps the file current).
/// </summary>
public static class ThreatRulesMarkdown
{
    /// <summary>The generated Markdown for a rule set.</summary>
    public static string Render(ThreatRuleSet rules, AtlasCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(catalog);
        var covered = RuleCoverage.Covered(rules, catalog);
        var outOfScope = RuleCoverage.OutOfScope;
        var text = new StringBuilder();
        text.Append(Inv($"{rules.Rules.Length} rules cover {covered.Count} of the {catalog.Techniques.Length} techniques of ATLAS {catalog.Version} "));
        text.Append(Inv($"(a parent counts when a rule names one of its sub-techniques); {outOfScope.Length} are out of scope, listed below with the reason.\n\n"));
        text.Append("| Rule | Title | Phase | Targets | Techniques | Mitigations | Precedents |\n|---|---|---|---|---|---|---|\n");
        foreach (var rule in rules.Rules)
        {
            text.Append(Inv($"| {rule.Id} | {Escape(rule.Title)} | {rule.Phase.ToWireName()} | {string.Join(", ", rule.Targets.Select(t => t.ToWireName()))} "));
            text.Append(Inv($"| {string.Join(", ", rule.Techniques)} | {string.Join(", ", rule.Mitigations)} | {string.Join(", ", rule.Precedents)} |\n"));
        }

        text.Append("\n### Conditions\n\n");
        foreach (var rule in rules.Rules)
        {
            text.Append(Inv($"**{rule.Id}**: {Escape(rule.Rationale)}\n\n"));
            text.Append(Inv($"- applies if: `{rule.AppliesIf.Text}`\n- attacker if: `{rule.AttackerIf.Text}`\n"));
            text.Append(Inv($"- likelihood: base {rule.LikelihoodBase}"));
            text.Append(string.Concat(rule.LikelihoodUp.Select(e => Inv($"; +1 if `{e.Text}`"))));
            text.Append(string.Concat(rule.LikelihoodDown.Select(e => Inv($"; −1 if `{e.Text}`"))));
            text.Append(Inv($"\n- impact: `{rule.Impact.Text}`\n- mitigated when: `{rule.MitigatedWhen.Text}`\n"));
            if (!rule.Evidence.IsEmpty)
            {
                text.Append(Inv($"- evidence: {string.Join(", ", rule.Evidence.Select(e => $"`{e}`"))}\n"));
            }

            text.Append('\n');
        }

        text.Append("### Out of scope\n\n| Technique | Name | Reason |\n|---|---|---|\n");
        foreach (var entry in outOfScope.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            text.Append(Inv($"| {entry.Id} | {Escape(catalog.FindTechnique(entry.Id)?.Name ?? "")} | {Escape(entry.Reason)} |\n"));
        }

        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
