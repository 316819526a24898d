using AtlasGuard.Core.Findings;
using AtlasGuard.Reporting.Html;
using AtlasGuard.Reporting.Navigator;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// The survey's three stages with their phases in pipeline order: per phase a table of the applicable threats
/// (residual risk, rule, component and its line, attacker, mitigation status, decision, observed), highest risk
/// first, then the threats that need information with the model properties they lack.
/// </summary>
internal static class ThreatPhasesSection
{
    public static void Write(HtmlBuilder h, ThreatModelReport report)
    {
        var byPhase = report.Result.Threats.ToLookup(t => t.Phase);
        h.Raw("<section id=\"phases\" aria-labelledby=\"phases-title\">").Line();
        h.Raw("<h2 id=\"phases-title\">MLOps phases</h2>").Line();
        h.Raw("<p class=\"lead\">The threats of each pipeline phase, grouped into the survey's three stages, highest residual "
            + "risk first. Status is what the declared controls achieve: <strong>mitigated</strong> (implemented or verified), "
            + "<strong>planned</strong> (only planned controls would), <strong>missing</strong> (nothing declared does).</p>").Line();
        h.Raw("<div class=\"stages\">").Line();
        foreach (var stage in Enum.GetValues<SurveyStage>())
        {
            h.Raw("<div class=\"stage\"><h3>").Text(stage.DisplayName()).Raw("</h3>").Line();
            foreach (var phase in MlopsPhases.All.Where(p => p.Stage() == stage))
            {
                WritePhase(h, report, phase, [.. byPhase[phase]]);
            }

            h.Raw("</div>").Line();
        }

        h.Raw("</div>").Line();
        h.Raw("</section>").Line();
    }

    private static void WritePhase(HtmlBuilder h, ThreatModelReport report, MlopsPhase phase, List<Threat> threats)
    {
        var applicable = ThreatModelSummary.OrderByRisk(threats.Where(t => t.Applicability == Applicability.Applies)).ToList();
        var needs = threats.Where(t => t.Applicability == Applicability.NeedsInformation).ToList();
        h.Raw("<div class=\"phase\"").Attr("data-phase", phase.ToWireName()).Attr("data-count", applicable.Count).Raw(">").Line();
        h.Raw("<h4>").Text(PhasesSection.Title(phase)).Raw(" <span class=\"count\">").Text(NavigatorCells.Plural(applicable.Count, "threat"));
        if (needs.Count > 0)
        {
            h.Raw(", ").Number(needs.Count).Raw(" need information");
        }

        h.Raw("</span></h4>").Line();
        if (applicable.Count > 0)
        {
            h.Raw("<table class=\"threats\"><thead><tr><th scope=\"col\">Risk</th><th scope=\"col\">Threat</th>"
                + "<th scope=\"col\">Component</th><th scope=\"col\">Attacker</th><th scope=\"col\">Status</th></tr></thead><tbody>").Line();
            foreach (var t in applicable)
            {
                WriteThreat(h, report, t);
            }

            h.Raw("</tbody></table>").Line();
        }

        if (needs.Count > 0)
        {
            h.Raw("<p class=\"label\">Needs information</p><ul class=\"needs\">");
            foreach (var t in needs)
            {
                h.Raw("<li><code>").Text(t.Key).Raw("</code> ").Text(t.Title).Raw(": lacks ");
                for (var i = 0; i < t.MissingPaths.Length; i++)
                {
                    h.Raw(i == 0 ? "" : ", ").Element("code", null, t.MissingPaths[i]);
                }

                h.Raw("</li>");
            }

            h.Raw("</ul>").Line();
        }

        h.Raw("</div>").Line();
    }

    private static void WriteThreat(HtmlBuilder h, ThreatModelReport report, Threat t)
    {
        var band = ThreatModelSummary.BandName(t.Score.ResidualBand);
        var status = t.Mitigation.ToWireName();
        h.Raw("<tr class=\"threat\"").Attr("id", "threat-" + t.Key).Attr("data-band", band).Attr("data-status", status)
            .Attr("data-open", t.IsOpen ? "true" : "false").Raw(">");
        h.Raw("<td><span class=\"sev-badge\"").Attr("data-severity", band).Raw(">").Number(t.Score.ResidualRisk).Raw(" ").Text(band).Raw("</span>")
            .Raw("<span class=\"lxi\">").Number(t.Score.Likelihood).Raw(" \u00D7 ").Number(t.Score.Impact).Raw(" = ").Number(t.Score.Risk)
            .Raw(t.Score.ImpactAssumed ? " (impact assumed)" : "").Raw("</span></td>");
        h.Raw("<td><code class=\"rule\">").Text(t.RuleId).Raw("</code> ").Text(t.Title).Raw("<span class=\"techs\">");
        for (var i = 0; i < t.Techniques.Length; i++)
        {
            h.Raw(i == 0 ? "" : " ").Element("code", null, t.Techniques[i]);
        }

        h.Raw("</span></td>");
        var position = report.PositionOf(t.ComponentId);
        h.Raw("<td><code>").Text(t.ComponentId).Raw("</code>");
        if (position != SourcePosition.None)
        {
            h.Raw(" <span class=\"pos\">line ").Number(position.Line).Raw("</span>");
        }

        h.Raw("</td><td>").Text(t.AttackerId).Raw("</td>");
        h.Raw("<td><span class=\"status\"").Attr("data-status", status).Raw(">").Text(status).Raw("</span>");
        if (t.Observed)
        {
            h.Raw(" <span class=\"observed\">observed</span>");
        }

        if (t.Tracking is { } tracking)
        {
            h.Raw(" <span class=\"decision\"").Attr("data-expired", tracking.Expired ? "true" : "false").Raw(">")
                .Text(Decision(tracking)).Raw("</span>");
        }

        if (t.Mitigation != MitigationStatus.Mitigated && !t.ControlsMissing.IsEmpty)
        {
            h.Raw("<span class=\"lacks\">lacks ");
            for (var i = 0; i < t.ControlsMissing.Length; i++)
            {
                h.Raw(i == 0 ? "" : ", ").Element("code", null, t.ControlsMissing[i]);
            }

            h.Raw("</span>");
        }

        h.Raw("</td></tr>").Line();
    }

    /// <summary>"accepted by owner", or "expired accepted decision (not honoured)".</summary>
    public static string Decision(TrackingDecision tracking)
    {
        var status = tracking.Entry.Status.ToWireName().Replace('_', ' ');
        return tracking.Expired ? $"expired {status} decision (not honoured)" : $"{status} by {tracking.Entry.Owner}";
    }
}
