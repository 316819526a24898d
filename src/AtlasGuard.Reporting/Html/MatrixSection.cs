using System.Globalization;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Findings;
using AtlasGuard.Reporting.Navigator;

namespace AtlasGuard.Reporting.Html;

/// <summary>
/// The ATLAS matrix as a heatmap: one column per tactic in matrix order, every top-level technique of the tactic
/// as a cell coloured by the worst severity of its findings and those of its sub-techniques (folded into a
/// <c>details</c> element), a legend, and the technique ids the catalog does not know.
/// </summary>
internal static class MatrixSection
{
    public static void Write(HtmlBuilder h, HtmlReportModel model)
    {
        var catalog = model.Catalog;
        h.Raw("<section id=\"matrix\" aria-labelledby=\"matrix-title\">").Line();
        h.Raw("<h2 id=\"matrix-title\">ATLAS matrix</h2>").Line();
        h.Raw("<p class=\"lead\">Every technique of ATLAS ").Text(catalog.Version)
            .Raw(", by tactic. A cell is coloured by the worst finding that names the technique or one of its sub-techniques; "
                + "select a technique with findings to list them.</p>").Line();
        h.Raw("<div class=\"matrix-tools\">")
            .Raw("<label class=\"toggle\"><input type=\"checkbox\" id=\"matrix-only-found\"> Only techniques with findings</label>");
        WriteLegend(h);
        h.Raw("</div>").Line();
        h.Raw("<div class=\"matrix\"").Attr("data-atlas-version", catalog.Version).Raw(">").Line();
        foreach (var tactic in catalog.Tactics)
        {
            WriteTactic(h, model, tactic);
        }

        h.Raw("</div>").Line();
        if (!model.UnknownTechniques.IsEmpty)
        {
            h.Raw("<p class=\"unknown\">Named by findings but not in ATLAS ").Text(catalog.Version).Raw(" (not on the matrix): ");
            var first = true;
            foreach (var id in model.UnknownTechniques)
            {
                h.Raw(first ? string.Empty : ", ").Element("code", null, id);
                first = false;
            }

            h.Raw("</p>").Line();
        }

        h.Raw("</section>").Line();
    }

    private static void WriteLegend(HtmlBuilder h)
    {
        h.Raw("<ul class=\"legend\" aria-label=\"Severity colours\">");
        foreach (var s in HtmlReportModel.SeveritiesWorstFirst)
        {
            h.Raw("<li><span class=\"swatch\" data-severity=\"").Raw(s.ToWireName()).Raw("\"></span>").Raw(s.ToWireName()).Raw("</li>");
        }

        h.Raw("<li><span class=\"swatch\" data-severity=\"none\"></span>no findings</li></ul>");
    }

    private static void WriteTactic(HtmlBuilder h, HtmlReportModel model, AtlasTactic tactic)
    {
        var techniques = model.Catalog.TechniquesOf(tactic.Id);
        var count = TechniqueStats.Of(techniques.SelectMany(t =>
            model.FindingsOf(t.Id).Concat(model.Catalog.SubTechniquesOf(t.Id).SelectMany(s => model.FindingsOf(s.Id))))).Count;
        h.Raw("<div class=\"tactic\"").Attr("data-tactic", tactic.Id).Attr("data-count", count).Raw(">").Line();
        h.Raw("<h3><span class=\"name\">").Text(tactic.Name).Raw("</span> <span class=\"id\">").Text(tactic.Id)
            .Raw("</span> <span class=\"count\">").Text(NavigatorCells.Plural(count, "finding")).Raw("</span></h3>").Line();
        foreach (var technique in techniques)
        {
            WriteTechnique(h, model, technique);
        }

        h.Raw("</div>").Line();
    }

    private static void WriteTechnique(HtmlBuilder h, HtmlReportModel model, AtlasTechnique technique)
    {
        var subs = model.Catalog.SubTechniquesOf(technique.Id);
        var stats = model.Rolled(technique.Id);
        WriteCellStart(h, "technique", technique.Id, technique.Name, stats);
        if (!subs.IsEmpty)
        {
            var open = subs.Any(s => model.FindingsOf(s.Id).Count > 0);
            h.Raw(open ? "<details class=\"subs\" open>" : "<details class=\"subs\">")
                .Raw("<summary>").Text(NavigatorCells.Plural(subs.Length, "sub-technique")).Raw("</summary>");
            foreach (var sub in subs)
            {
                WriteCellStart(h, "technique sub", sub.Id, sub.Name, model.Own(sub.Id));
                h.Raw("</div>");
            }

            h.Raw("</details>");
        }

        h.Raw("</div>").Line();
    }

    private static void WriteCellStart(HtmlBuilder h, string cssClass, string id, string name, TechniqueStats stats)
    {
        h.Raw("<div").Attr("class", cssClass).Attr("data-technique", id).Attr("data-severity", stats.SeverityName)
            .Attr("data-count", stats.Count);
        if (stats.Count > 0)
        {
            h.Attr("title", Tooltip(stats));
        }

        h.Raw(">");
        h.Raw("<span class=\"name\">").Text(name).Raw("</span> <span class=\"id\">").Text(id).Raw("</span>");
        if (stats.Count > 0)
        {
            h.Raw(" <span class=\"badge\">").Number(stats.Count).Raw("</span> <span class=\"sev\">").Raw(stats.SeverityName).Raw("</span>");
        }
    }

    private static string Tooltip(TechniqueStats stats) => string.Create(CultureInfo.InvariantCulture,
        $"{NavigatorCells.Plural(stats.Count, "finding")}, worst {stats.SeverityName}; rules: {string.Join(", ", stats.Rules)}");
}
