using AtlasGuard.Core.Findings;

namespace AtlasGuard.Reporting.Html;

/// <summary>
/// Once per rule that has findings: its name, default severity, description and fix. Findings link here, which
/// keeps a report of thousands of findings small without losing the fix text.
/// </summary>
internal static class RuleGlossary
{
    public static void Write(HtmlBuilder h, HtmlReportModel model)
    {
        var ids = model.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        h.Raw("<div class=\"glossary\"><h3 id=\"rules\">Rules behind these findings</h3><dl>").Line();
        foreach (var id in ids)
        {
            h.Raw("<dt").Attr("id", "rule-" + id).Raw("><code>").Text(id).Raw("</code>");
            if (!model.Rules.TryGetValue(id, out var rule))
            {
                h.Raw("</dt><dd>Not among the rules of this scan.</dd>").Line();
                continue;
            }

            h.Raw(" ").Text(rule.Name).Raw(" <span class=\"sev-badge\" data-severity=\"").Raw(rule.DefaultSeverity.ToWireName()).Raw("\">")
                .Raw(rule.DefaultSeverity.ToWireName()).Raw("</span></dt><dd><p>").Text(rule.ShortDescription).Raw("</p><p><strong>Fix:</strong> <span class=\"fix\">")
                .Text(rule.Remediation).Raw("</span></p>");
            WriteIds(h, model, "ATLAS", rule.Techniques, model.NameOf);
            WriteIds(h, model, "Mitigations", rule.Mitigations, m => model.Catalog.FindMitigation(m)?.Name ?? model.NameOf(m));
            h.Raw("</dd>").Line();
        }

        h.Raw("</dl></div>").Line();
    }

    private static void WriteIds(HtmlBuilder h, HtmlReportModel model, string label, IReadOnlyList<string> ids, Func<string, string> name)
    {
        if (ids.Count == 0)
        {
            return;
        }

        h.Raw("<p><strong>").Text(label).Raw(":</strong> ");
        for (var i = 0; i < ids.Count; i++)
        {
            h.Raw(i == 0 ? "<code>" : "; <code>").Text(ids[i]).Raw("</code> ").Text(name(ids[i]));
        }

        h.Raw("</p>");
    }
}
