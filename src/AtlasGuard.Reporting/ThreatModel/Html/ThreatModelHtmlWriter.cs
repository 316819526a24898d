using AtlasGuard.Reporting.Html;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// One self-contained HTML page of a threat model: header with the counts, the ATLAS matrix coloured by residual
/// risk band, the threats per MLOps phase under the survey's three stages, the attack paths with similar case
/// studies, the top risks and cheapest mitigations, and the risk decisions. Same frame, stylesheet and
/// Content-Security-Policy as the scan report, no script (every part is plain HTML), nothing loaded from the network,
/// every string of the model escaped, byte-identical output for the same input.
/// </summary>
public static class ThreatModelHtmlWriter
{
    /// <summary>Writes the page to <paramref name="output"/> as UTF-8; the stream stays open.</summary>
    public static Task WriteAsync(ThreatModelReport report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        return HtmlPage.WriteAsync(Build(report), output, cancellationToken);
    }

    /// <summary>The page as text.</summary>
    public static string Render(ThreatModelReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Build(report).ToString();
    }

    internal static HtmlBuilder Build(ThreatModelReport report)
    {
        var summary = ThreatModelSummary.Of(report.Result);
        var css = ThreatModelAssets.Css;
        var h = new HtmlBuilder();
        HtmlPage.Head(h, "AtlasGuard threat model: " + report.Result.ModelName, report.ToolVersion, css, script: null);
        h.Raw("<a class=\"skip\" href=\"#phases\">Skip to the threats</a>").Line();
        ThreatModelHeader.Write(h, report, summary);
        h.Raw("<main>").Line();
        MatrixSection.Write(h, new ThreatMatrix(report));
        ThreatPhasesSection.Write(h, report);
        ThreatPathsSection.WritePaths(h, report);
        ThreatPathsSection.WritePriorities(h, report, summary);
        RiskDecisionsSection.Write(h, report);
        WriteNotes(h, report);
        h.Raw("</main>").Line();
        HtmlPage.Foot(h, report.ToolVersion, report.Result.AtlasVersion, script: null);
        return h;
    }

    private static void WriteNotes(HtmlBuilder h, ThreatModelReport report)
    {
        if (report.Result.Diagnostics.IsEmpty)
        {
            return;
        }

        h.Raw("<section id=\"notes\" aria-labelledby=\"notes-title\">").Line();
        h.Raw("<h2 id=\"notes-title\">Evaluation problems</h2>").Line();
        h.Raw("<p class=\"lead\">Rules that could not be evaluated; the rest of the model was.</p><ul>");
        foreach (var d in report.Result.Diagnostics)
        {
            h.Raw("<li>").Text(d.ToString()).Raw("</li>");
        }

        h.Raw("</ul>").Line().Raw("</section>").Line();
    }
}
