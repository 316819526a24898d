using System.Globalization;
using AtlasGuard.Reporting.Html;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>The page header of a threat model (name, file, profiles, counts by status and by residual band) and the navigation.</summary>
internal static class ThreatModelHeader
{
    public static void Write(HtmlBuilder h, ThreatModelReport report, ThreatModelSummary summary)
    {
        var result = report.Result;
        var applicable = result.Threats.Where(t => t.Applicability == Applicability.Applies).ToList();
        h.Raw("<header class=\"top\">").Line();
        h.Raw("<p class=\"brand\">AtlasGuard threat model</p>").Line();
        h.Raw("<h1>").Text(result.ModelName).Raw("</h1>").Line();
        h.Raw("<dl class=\"facts\">");
        Fact(h, "Model file", report.ModelPath);
        Fact(h, "Owner", report.Model.Metadata.Owner);
        Fact(h, "Tool", ToolInfo.Name + " " + report.ToolVersion);
        Fact(h, "ATLAS data", result.AtlasVersion);
        Fact(h, "Components", report.Model.Components.Length.ToString(CultureInfo.InvariantCulture));
        Fact(h, "Attacker profiles", report.Model.AttackerProfiles.IsEmpty
            ? "none (no threat can apply)"
            : string.Join(", ", report.Model.AttackerProfiles.Select(p => p.Id)));
        if (result.ScanFindings > 0)
        {
            Fact(h, "Scan findings", string.Create(CultureInfo.InvariantCulture, $"{result.ScanFindings} ({result.UnplacedFindings.Length} under no component)"));
        }

        h.Raw("</dl>").Line();
        h.Raw("<ul class=\"totals\" aria-label=\"Threats by status\">");
        Count(h, "status", "applicable", summary.Applicable);
        Count(h, "status", "open", summary.Open);
        Count(h, "status", "observed", summary.Observed);
        foreach (var status in Enum.GetValues<MitigationStatus>())
        {
            Count(h, "status", status.ToWireName(), applicable.Count(t => t.Mitigation == status));
        }

        Count(h, "status", "needs information", summary.NeedsInformation);
        h.Raw("</ul>").Line();
        h.Raw("<ul class=\"totals\" aria-label=\"Open threats by residual risk band\">");
        foreach (var (band, n) in summary.OpenByBand)
        {
            var name = ThreatModelSummary.BandName(band);
            h.Raw("<li class=\"sev-badge\"").Attr("data-severity", n == 0 ? "none" : name).Attr("data-band", name)
                .Raw("><strong>").Number(n).Raw("</strong> ").Text(name).Raw("</li>");
        }

        h.Raw("</ul>").Line().Raw("</header>").Line();
        h.Raw("<nav aria-label=\"Sections\"><ul>")
            .Raw("<li><a href=\"#matrix\">ATLAS matrix</a></li>")
            .Raw("<li><a href=\"#phases\">MLOps phases</a></li>")
            .Raw("<li><a href=\"#paths\">Attack paths</a></li>")
            .Raw("<li><a href=\"#priorities\">Top risks</a></li>")
            .Raw("<li><a href=\"#decisions\">Risk decisions</a></li>")
            .Raw("</ul></nav>").Line();
    }

    private static void Fact(HtmlBuilder h, string label, string value) =>
        h.Raw("<div><dt>").Text(label).Raw("</dt><dd>").Text(value).Raw("</dd></div>");

    private static void Count(HtmlBuilder h, string kind, string label, int n) =>
        h.Raw("<li class=\"tally\"").Attr("data-" + kind, label).Raw("><strong>").Number(n).Raw("</strong> ").Text(label).Raw("</li>");
}
