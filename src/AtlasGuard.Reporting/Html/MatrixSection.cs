using AtlasGuard.Core.Atlas;
using AtlasGuard.Reporting.Navigator;

namespace AtlasGuard.Reporting.Html;

/// <summary>
/// The ATLAS matrix as a heatmap: one column per tactic in matrix order, every top-level technique of the tactic
/// as a cell coloured by the worst level of its items and those of its sub-techniques (folded into a
/// <c>details</c> element), a legend, and the technique ids the catalog does not know. The scan report colours by
/// finding severity, the threat-model report by residual risk band (<see cref="IMatrixSource"/>).
/// </summary>
internal static class MatrixSection
{
    public static void Write(HtmlBuilder h, IMatrixSource model)
    {
        var catalog = model.Catalog;
        var nouns = model.Noun + "s";
        h.Raw("<section id=\"matrix\" aria-labelledby=\"matrix-title\">").Line();
        h.Raw("<h2 id=\"matrix-title\">ATLAS matrix</h2>").Line();
        h.Raw("<p class=\"lead\">Every technique of ATLAS ").Text(catalog.Version).Raw(", by tactic. ").Text(model.Colouring).Raw("</p>").Line();
        h.Raw("<div class=\"matrix-tools\">")
            .Raw("<label class=\"toggle\"><input type=\"checkbox\" id=\"matrix-only-found\"> Only techniques with ").Text(nouns).Raw("</label>");
        WriteLegend(h, model);
        h.Raw("</div>").Line();
        h.Raw("<div class=\"matrix\"").Attr("data-atlas-version", catalog.Version).Raw(">").Line();
        foreach (var tactic in catalog.Tactics)
        {
            WriteTactic(h, model, tactic);
        }

        h.Raw("</div>").Line();
        if (!model.UnknownTechniques.IsEmpty)
        {
            h.Raw("<p class=\"unknown\">Named by ").Text(nouns).Raw(" but not in ATLAS ").Text(catalog.Version).Raw(" (not on the matrix): ");
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

    private static void WriteLegend(HtmlBuilder h, IMatrixSource model)
    {
        h.Raw("<ul class=\"legend\"").Attr("aria-label", model.LegendLabel).Raw(">");
        foreach (var level in model.Levels)
        {
            h.Raw("<li><span class=\"swatch\"").Attr("data-severity", level).Raw("></span>").Text(level).Raw("</li>");
        }

        h.Raw("<li><span class=\"swatch\" data-severity=\"none\"></span>no ").Text(model.Noun + "s").Raw("</li></ul>");
    }

    private static void WriteTactic(HtmlBuilder h, IMatrixSource model, AtlasTactic tactic)
    {
        var techniques = model.Catalog.TechniquesOf(tactic.Id);
        var count = model.CountIn(tactic);
        h.Raw("<div class=\"tactic\"").Attr("data-tactic", tactic.Id).Attr("data-count", count).Raw(">").Line();
        h.Raw("<h3><span class=\"name\">").Text(tactic.Name).Raw("</span> <span class=\"id\">").Text(tactic.Id)
            .Raw("</span> <span class=\"count\">").Text(NavigatorCells.Plural(count, model.Noun)).Raw("</span></h3>").Line();
        foreach (var technique in techniques)
        {
            WriteTechnique(h, model, technique);
        }

        h.Raw("</div>").Line();
    }

    private static void WriteTechnique(HtmlBuilder h, IMatrixSource model, AtlasTechnique technique)
    {
        var subs = model.Catalog.SubTechniquesOf(technique.Id);
        var stats = model.Rolled(technique.Id);
        WriteCellStart(h, "technique", technique.Id, technique.Name, stats);
        if (!subs.IsEmpty)
        {
            var open = subs.Any(s => model.Own(s.Id).Count > 0);
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

    private static void WriteCellStart(HtmlBuilder h, string cssClass, string id, string name, MatrixCell cell)
    {
        h.Raw("<div").Attr("class", cssClass).Attr("data-technique", id).Attr("data-severity", cell.Level).Attr("data-count", cell.Count);
        if (cell.Observed)
        {
            h.Attr("data-observed", "true");
        }

        if (cell.Tooltip is not null)
        {
            h.Attr("title", cell.Tooltip);
        }

        h.Raw(">");
        h.Raw("<span class=\"name\">").Text(name).Raw("</span> <span class=\"id\">").Text(id).Raw("</span>");
        if (cell.Count > 0)
        {
            h.Raw(" <span class=\"badge\">").Number(cell.Count).Raw("</span> <span class=\"sev\">").Text(cell.Level).Raw("</span>");
        }

        if (cell.Observed)
        {
            h.Raw(" <span class=\"observed\">observed</span>");
        }
    }
}
