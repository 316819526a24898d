using AtlasGuard.Reporting.Html;
using AtlasGuard.ThreatModel.Paths;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// The attack paths (each step a tactic, a technique and a component, with the ATLAS case studies of similar
/// attacks), then the top risks and the cheapest mitigations.
/// </summary>
internal static class ThreatPathsSection
{
    public static void WritePaths(HtmlBuilder h, ThreatModelReport report)
    {
        var catalog = report.Catalog;
        h.Raw("<section id=\"paths\" aria-labelledby=\"paths-title\">").Line();
        h.Raw("<h2 id=\"paths-title\">Attack paths</h2>").Line();
        h.Raw("<p class=\"lead\">Chains of applicable threats of one attacker, in ATLAS tactic order, from an entry point to an "
            + "impact, each step on the same component or one a flow leads to; highest summed risk first.</p>").Line();
        if (report.Result.Paths.IsEmpty)
        {
            h.Raw("<p class=\"empty\">No attack path: no chain of applicable threats reaches an impact.</p>").Line();
        }
        else
        {
            h.Raw("<ol class=\"paths\">").Line();
            foreach (var path in report.Result.Paths)
            {
                WritePath(h, catalog, path);
            }

            h.Raw("</ol>").Line();
        }

        h.Raw("</section>").Line();
    }

    public static void WritePriorities(HtmlBuilder h, ThreatModelReport report, ThreatModelSummary summary)
    {
        h.Raw("<section id=\"priorities\" aria-labelledby=\"priorities-title\">").Line();
        h.Raw("<h2 id=\"priorities-title\">Top risks and cheapest mitigations</h2>").Line();
        h.Raw("<div class=\"two\"><div><h3>Top risks</h3>").Line();
        if (summary.TopRisks.IsEmpty)
        {
            h.Raw("<p class=\"empty\">No open threat.</p>").Line();
        }
        else
        {
            h.Raw("<ol class=\"ranked\">");
            foreach (var t in summary.TopRisks)
            {
                var band = ThreatModelSummary.BandName(t.Score.ResidualBand);
                h.Raw("<li><span class=\"sev-badge\"").Attr("data-severity", band).Raw(">").Number(t.Score.ResidualRisk).Raw(" ").Text(band)
                    .Raw("</span> <a").Attr("href", "#threat-" + t.Key).Raw("><code>").Text(t.Key).Raw("</code></a> ").Text(t.Title);
                h.Raw(t.Observed ? " <span class=\"observed\">observed</span>" : "").Raw("</li>");
            }

            h.Raw("</ol>").Line();
        }

        h.Raw("</div><div><h3>Cheapest mitigations</h3>").Line();
        h.Raw("<p class=\"note\">The ATLAS mitigations that, declared, would close the most residual risk of the open threats that lack them.</p>");
        if (summary.CheapestMitigations.IsEmpty)
        {
            h.Raw("<p class=\"empty\">None: no open threat lacks a mitigation.</p>").Line();
        }
        else
        {
            h.Raw("<ol class=\"ranked\">");
            foreach (var m in summary.CheapestMitigations)
            {
                h.Raw("<li><code>").Text(m.MitigationId).Raw("</code> ")
                    .Text(report.Catalog.FindMitigation(m.MitigationId)?.Name ?? "not in ATLAS " + report.Catalog.Version)
                    .Raw(" <span class=\"meta\">closes ").Number(m.ResidualRisk).Raw(" residual risk over ").Number(m.Threats).Raw(m.Threats == 1 ? " open threat</span></li>" : " open threats</span></li>");
            }

            h.Raw("</ol>").Line();
        }

        h.Raw("</div></div>").Line();
        h.Raw("</section>").Line();
    }

    private static void WritePath(HtmlBuilder h, Core.Atlas.AtlasCatalog catalog, AttackPath path)
    {
        h.Raw("<li class=\"path\"").Attr("data-attacker", path.AttackerId).Attr("data-risk", path.Risk).Raw(">");
        h.Raw("<p class=\"path-head\"><strong>").Text(path.AttackerId).Raw("</strong> <span class=\"meta\">risk ").Number(path.Risk)
            .Raw(", ").Number(path.Steps.Length).Raw(" steps</span></p>").Line();
        h.Raw("<ol class=\"steps\">");
        foreach (var s in path.Steps)
        {
            h.Raw("<li><span class=\"tactic\">").Text(catalog.FindTactic(s.TacticId)?.Name ?? s.TacticId).Raw("</span> <code>").Text(s.TechniqueId)
                .Raw("</code> ").Text(catalog.DisplayName(s.TechniqueId) ?? "").Raw(" @ <code>").Text(s.ComponentId).Raw("</code> <a")
                .Attr("href", "#threat-" + s.ThreatKey).Raw(" class=\"rule\">").Text(s.RuleId).Raw("</a> <span class=\"meta\">risk ")
                .Number(s.Risk).Raw("</span></li>");
        }

        h.Raw("</ol>").Line();
        if (!path.SimilarCaseStudies.IsEmpty)
        {
            h.Raw("<p class=\"label\">Similar ATLAS case studies</p><ul class=\"ids\">");
            foreach (var c in path.SimilarCaseStudies)
            {
                h.Raw("<li><code>").Text(c.Id).Raw("</code> ").Text(c.Name).Raw(" <span class=\"meta\">shares ")
                    .Text(string.Join(", ", c.SharedTechniques)).Raw("</span></li>");
            }

            h.Raw("</ul>").Line();
        }

        h.Raw("</li>").Line();
    }
}
