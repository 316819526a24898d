using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Findings;
using AtlasGuard.Reporting.Navigator;

namespace AtlasGuard.Reporting.Html;

/// <summary>
/// The survey's three stages with their phases in pipeline order: per phase the findings by severity, the
/// techniques found there and the mitigations they call for, and how much of the phase's ATLAS surface (from the
/// phase taxonomy) the scan observed.
/// </summary>
internal static class PhasesSection
{
    public static void Write(HtmlBuilder h, HtmlReportModel model, PhaseTaxonomy taxonomy)
    {
        var observed = model.FoundTechniques
            .Concat(model.FoundTechniques.Select(id => model.Catalog.FindTechnique(id)?.ParentId).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        h.Raw("<section id=\"phases\" aria-labelledby=\"phases-title\">").Line();
        h.Raw("<h2 id=\"phases-title\">MLOps phases</h2>").Line();
        h.Raw("<p class=\"lead\">Findings by the pipeline phase they belong to, grouped into the survey's three stages. "
            + "&ldquo;Placed&rdquo; counts the ATLAS techniques AtlasGuard's phase taxonomy puts on a phase; "
            + "&ldquo;observed&rdquo; those of them this scan found.</p>").Line();
        h.Raw("<div class=\"stages\">").Line();
        foreach (var stage in Enum.GetValues<SurveyStage>())
        {
            h.Raw("<div class=\"stage\"><h3>").Text(stage.DisplayName()).Raw("</h3>").Line();
            foreach (var phase in MlopsPhases.All.Where(p => p.Stage() == stage))
            {
                WritePhase(h, model, taxonomy, phase, observed);
            }

            h.Raw("</div>").Line();
        }

        h.Raw("</div>").Line();
        h.Raw("</section>").Line();
    }

    /// <summary>"Deployment" for <see cref="MlopsPhase.Deployment"/>.</summary>
    public static string Title(MlopsPhase phase)
    {
        var name = phase.ToWireName();
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static void WritePhase(HtmlBuilder h, HtmlReportModel model, PhaseTaxonomy taxonomy, MlopsPhase phase, HashSet<string> observed)
    {
        var findings = model.Findings.Where(f => f.Phase == phase).ToList();
        var placed = taxonomy.TechniquesOf(phase);
        h.Raw("<div class=\"phase\"").Attr("data-phase", phase.ToWireName()).Attr("data-count", findings.Count).Raw(">").Line();
        h.Raw("<h4>").Text(Title(phase)).Raw(" <span class=\"count\">").Text(NavigatorCells.Plural(findings.Count, "finding")).Raw("</span></h4>");
        if (findings.Count > 0)
        {
            h.Raw("<ul class=\"sev-counts\">");
            foreach (var s in HtmlReportModel.SeveritiesWorstFirst)
            {
                var n = findings.Count(f => f.Severity == s);
                if (n > 0)
                {
                    h.Raw("<li class=\"sev-badge\" data-severity=\"").Raw(s.ToWireName()).Raw("\">").Number(n).Raw(" ").Raw(s.ToWireName()).Raw("</li>");
                }
            }

            h.Raw("</ul>");
        }

        h.Line().Raw("<p class=\"placed\">").Text(NavigatorCells.Plural(placed.Length, "ATLAS technique")).Raw(" placed, ")
            .Number(placed.Count(p => observed.Contains(p.TechniqueId))).Raw(" observed</p>").Line();
        var techniques = findings.SelectMany(f => f.Techniques).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (techniques.Count > 0)
        {
            h.Raw("<p class=\"label\">Techniques found</p><ul class=\"ids\">");
            foreach (var id in techniques)
            {
                var n = findings.Count(f => f.Techniques.Contains(id));
                h.Raw("<li><code>").Text(id).Raw("</code> ").Text(model.NameOf(id)).Raw(" <span class=\"n\">(").Number(n).Raw(")</span></li>");
            }

            h.Raw("</ul>").Line();
            var mitigations = findings.SelectMany(f => f.Mitigations)
                .Concat(techniques.SelectMany(id => model.Catalog.MitigationsOf(id)).Select(m => m.Id))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (mitigations.Count > 0)
            {
                h.Raw("<p class=\"label\">Mitigations they call for</p><ul class=\"ids\">");
                foreach (var id in mitigations)
                {
                    h.Raw("<li><a").Attr("href", "#mitigation-" + id).Raw("><code>").Text(id).Raw("</code></a> ")
                        .Text(model.Catalog.FindMitigation(id)?.Name ?? "not in ATLAS " + model.Catalog.Version).Raw("</li>");
                }

                h.Raw("</ul>").Line();
            }
        }

        h.Raw("</div>").Line();
    }
}
