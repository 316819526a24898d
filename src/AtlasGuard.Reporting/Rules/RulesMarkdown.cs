using System.Globalization;
using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Reporting.Rules;

/// <summary>Renders the rule catalogue as Markdown; <c>docs/rules.md</c> is this output, kept current by a test.</summary>
public static class RulesMarkdown
{
    /// <summary>Renders every rule, ordered by id.</summary>
    public static string Render(IEnumerable<RuleDescriptor> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var ordered = rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.Append("# AtlasGuard rules\n\n");
        sb.Append("Generated from the rule descriptors by `atlasguard rules --format markdown`; a test keeps this file current.\n");
        sb.Append("Every finding names its ATLAS techniques, MLOps phase and ATLAS mitigations. Severities are defaults; ");
        sb.Append("`atlasguard.yaml` can override them.\n\n");
        sb.Append("| id | name | severity | phase | ATLAS techniques | mitigations |\n");
        sb.Append("| --- | --- | --- | --- | --- | --- |\n");
        foreach (var r in ordered)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| [{r.Id}](#{r.Id.ToLowerInvariant()}) | {r.Name} | {r.DefaultSeverity.ToWireName()} | {r.Phase.ToWireName()} | " +
                $"{string.Join(", ", r.Techniques)} | {string.Join(", ", r.Mitigations)} |\n");
        }

        foreach (var r in ordered)
        {
            sb.Append('\n');
            AppendRule(sb, r);
        }

        return sb.ToString();
    }

    /// <summary>Renders one rule: its facts, descriptions, ATLAS mapping, remediation and help.</summary>
    public static string RenderRule(RuleDescriptor rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var sb = new StringBuilder();
        AppendRule(sb, rule);
        return sb.ToString();
    }

    private static void AppendRule(StringBuilder sb, RuleDescriptor r)
    {
        sb.Append(CultureInfo.InvariantCulture, $"## {r.Id}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"**{r.Name}** · {r.DefaultSeverity.ToWireName()} · confidence " +
            $"{r.Confidence.ToString().ToLowerInvariant()} · phase {r.Phase.ToWireName()} ({r.Phase.Stage().DisplayName()}) · version {r.Version}\n\n");
        sb.Append(r.ShortDescription).Append("\n\n");
        sb.Append(r.FullDescription).Append("\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- ATLAS techniques: {string.Join(", ", r.Techniques)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- ATLAS mitigations: {string.Join(", ", r.Mitigations)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Remediation: {r.Remediation}\n\n");
        sb.Append(ShiftHeadings(r.HelpMarkdown.Trim())).Append('\n');
    }

    private static string ShiftHeadings(string markdown) =>
        string.Join('\n', markdown.Split('\n').Select(line => line.StartsWith('#') ? "##" + line : line));
}
