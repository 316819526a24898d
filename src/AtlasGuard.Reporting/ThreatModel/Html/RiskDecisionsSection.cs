using AtlasGuard.Reporting.Html;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// The model's risk-tracking decisions in document order: threat pattern, decision, owner, dates, ticket,
/// justification and how many threats it settles; an expired decision is flagged, since it is not honoured.
/// </summary>
internal static class RiskDecisionsSection
{
    public static void Write(HtmlBuilder h, ThreatModelReport report)
    {
        var decisions = report.Model.RiskTracking;
        h.Raw("<section id=\"decisions\" aria-labelledby=\"decisions-title\">").Line();
        h.Raw("<h2 id=\"decisions-title\">Risk decisions</h2>").Line();
        if (decisions.IsEmpty)
        {
            h.Raw("<p class=\"empty\">The model records no risk decision (<code>risk_tracking</code>).</p>").Line();
            h.Raw("</section>").Line();
            return;
        }

        h.Raw("<p class=\"lead\">What the team decided about threats (<code>risk_tracking</code>). An expired decision is shown but "
            + "not honoured: its threats count as if it did not exist.</p>").Line();
        h.Raw("<table class=\"decisions\"><thead><tr><th scope=\"col\">Threat</th><th scope=\"col\">Decision</th><th scope=\"col\">Owner</th>"
            + "<th scope=\"col\">Date</th><th scope=\"col\">Expires</th><th scope=\"col\">Ticket</th><th scope=\"col\">Justification</th>"
            + "<th scope=\"col\">Threats</th></tr></thead><tbody>").Line();
        foreach (var d in decisions)
        {
            var matched = report.Result.Threats.Where(t => ReferenceEquals(t.Tracking?.Entry, d)).ToList();
            var expired = report.Result.ExpiredDecisions.Contains(d);
            h.Raw("<tr").Attr("data-status", d.Status.ToWireName()).Attr("data-expired", expired ? "true" : "false").Raw(">");
            h.Raw("<td><code>").Text(d.Threat).Raw("</code>");
            if (d.Position != SourcePosition.None)
            {
                h.Raw(" <span class=\"pos\">line ").Number(d.Position.Line).Raw("</span>");
            }

            h.Raw("</td><td>").Text(d.Status.ToWireName().Replace('_', ' '));
            h.Raw(expired ? " <span class=\"expired\">expired, not honoured</span>" : "").Raw("</td>");
            h.Raw("<td>").Text(d.Owner).Raw("</td><td>").Text(ThreatModelJsonWriter.Date(d.Date)).Raw("</td><td>")
                .Text(d.Expires is { } x ? ThreatModelJsonWriter.Date(x) : "").Raw("</td><td>").Text(d.Ticket).Raw("</td><td>")
                .Text(d.Justification).Raw("</td><td>").Number(matched.Count).Raw("</td></tr>").Line();
        }

        h.Raw("</tbody></table>").Line();
        h.Raw("</section>").Line();
    }
}
