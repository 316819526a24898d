using AtlasGuard.Core.Findings;

namespace AtlasGuard.Reporting.Html;

/// <summary>
/// The filter controls above the findings. They are rendered hidden and shown by the script, so a reader without
/// JavaScript never sees controls that do nothing; printing hides them again.
/// </summary>
internal static class FindingFilters
{
    public static void Write(HtmlBuilder h, HtmlReportModel model)
    {
        var findings = model.Findings;
        h.Raw("<div class=\"filters\" id=\"filters\" role=\"search\" aria-label=\"Filter findings\" hidden>").Line();

        Select(h, "filter-severity", "Severity", "all severities",
            HtmlReportModel.SeveritiesWorstFirst.Select(s => (s.ToWireName(), s == Severity.Critical ? "critical" : s.ToWireName() + " and worse")));

        Select(h, "filter-phase", "Phase", "all phases",
            MlopsPhases.All.Where(p => findings.Any(f => f.Phase == p)).Select(p => (p.ToWireName(), PhasesSection.Title(p))));

        var tactics = findings.SelectMany(f => model.TacticsOf(f)).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        Select(h, "filter-tactic", "Tactic", "all tactics",
            model.Catalog.Tactics.Where(t => tactics.Contains(t.Id)).Select(t => (t.Id, t.Name + " (" + t.Id + ")")));

        Select(h, "filter-rule", "Rule", "all rules",
            findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(r => (r, model.Rules.TryGetValue(r, out var rule) ? r + " " + rule.Name : r)));

        Select(h, "filter-technique", "Technique", "all techniques",
            model.FilterTechniques().Select(t => (t, t + " " + model.NameOf(t))));

        h.Raw("<div class=\"field grow\"><label for=\"filter-text\">Text</label>"
            + "<input id=\"filter-text\" type=\"search\" placeholder=\"message, path or evidence\" autocomplete=\"off\"></div>").Line();
        h.Raw("<div class=\"field\"><button type=\"button\" id=\"filter-clear\">Clear filters</button></div>").Line();
        h.Raw("</div>").Line();
    }

    private static void Select(HtmlBuilder h, string id, string label, string all, IEnumerable<(string Value, string Text)> options)
    {
        h.Raw("<div class=\"field\"><label").Attr("for", id).Raw(">").Text(label).Raw("</label><select").Attr("id", id).Raw(">")
            .Raw("<option value=\"all\">").Text(all).Raw("</option>");
        foreach (var (value, text) in options)
        {
            h.Raw("<option").Attr("value", value).Raw(">").Text(text).Raw("</option>");
        }

        h.Raw("</select></div>").Line();
    }
}
