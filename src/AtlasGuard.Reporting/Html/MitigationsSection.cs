using AtlasGuard.Reporting.Navigator;

namespace AtlasGuard.Reporting.Html;

/// <summary>The mitigation checklist: what to put in place, for the reader to tick off (print shows empty boxes).</summary>
internal static class MitigationsSection
{
    public static void Write(HtmlBuilder h, HtmlReportModel model)
    {
        var items = MitigationItem.Collect(model);
        h.Raw("<section id=\"mitigations\" aria-labelledby=\"mitigations-title\">").Line();
        h.Raw("<h2 id=\"mitigations-title\">Mitigations</h2>").Line();
        h.Raw(items.Count == 0
            ? "<p class=\"lead\">No findings, so no mitigation to check.</p>"
            : "<p class=\"lead\">The ATLAS mitigations the findings call for, most findings addressed first: those the rules name "
                + "and those ATLAS lists for the techniques found. Tick them off as you put them in place.</p>").Line();
        h.Raw("<ul id=\"mitigation-checklist\">").Line();
        foreach (var item in items)
        {
            WriteItem(h, model, item);
        }

        h.Raw("</ul>").Line();
        h.Raw("</section>").Line();
    }

    private static void WriteItem(HtmlBuilder h, HtmlReportModel model, MitigationItem item)
    {
        var mitigation = model.Catalog.FindMitigation(item.Id);
        var checkId = "check-" + item.Id;
        h.Raw("<li").Attr("data-mitigation", item.Id).Attr("id", "mitigation-" + item.Id).Raw(">");
        h.Raw("<input type=\"checkbox\"").Attr("id", checkId).Raw("><div class=\"body\"><label").Attr("for", checkId).Raw("><code>")
            .Text(item.Id).Raw("</code> ").Text(mitigation?.Name ?? "not in ATLAS " + model.Catalog.Version).Raw("</label>").Line();
        if (mitigation is not null && (!mitigation.LifecycleTags.IsEmpty || !mitigation.Categories.IsEmpty))
        {
            h.Raw("<p class=\"meta\">");
            if (!mitigation.LifecycleTags.IsEmpty)
            {
                h.Raw("Lifecycle: ").Text(string.Join(", ", mitigation.LifecycleTags));
            }

            if (!mitigation.Categories.IsEmpty)
            {
                h.Raw(mitigation.LifecycleTags.IsEmpty ? string.Empty : " · ").Raw("Category: ").Text(string.Join(", ", mitigation.Categories));
            }

            h.Raw("</p>").Line();
        }

        h.Raw("<p class=\"source\">");
        if (item.NamedByRules)
        {
            h.Raw("<span class=\"tag\">named by rules</span>");
        }

        if (item.SuggestedFor.Count > 0)
        {
            h.Raw(item.NamedByRules ? " " : string.Empty).Raw("<span class=\"tag\">ATLAS suggests for ")
                .Raw(item.SuggestedFor.Count == 1 ? "technique " : "techniques ")
                .Text(string.Join(", ", item.SuggestedFor)).Raw("</span>");
        }

        h.Raw("</p>").Line().Raw("<p>Addresses: ");
        var first = true;
        foreach (var t in item.Techniques)
        {
            h.Raw(first ? string.Empty : "; ").Raw("<code>").Text(t).Raw("</code> ").Text(model.NameOf(t));
            first = false;
        }

        h.Raw("</p>").Line().Raw("<p class=\"meta\">").Text(NavigatorCells.Plural(item.Findings.Count, "finding"))
            .Raw(" · rules ").Text(string.Join(", ", item.Rules)).Raw("</p></div></li>").Line();
    }
}
