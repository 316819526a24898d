using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Reporting.Html;

/// <summary>
/// One self-contained HTML page: the ATLAS matrix as a heatmap, the MLOps phases, a mitigation checklist and the
/// findings with filters kept in the URL hash. No network at view time (inline CSS and JS allowed by hash in a
/// Content-Security-Policy, no external URL), every string from scanned content escaped, byte-identical output
/// for the same result.
/// </summary>
internal sealed class HtmlReportWriter : IReportWriter
{
    public string Format => "html";

    public string FileExtension => ".html";

    public async Task WriteAsync(ScanResult result, ReportContext context, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        await HtmlPage.WriteAsync(Build(result, context), output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The whole page.</summary>
    public static HtmlBuilder Build(ScanResult result, ReportContext context)
    {
        var model = new HtmlReportModel(result, context);
        var css = HtmlAssets.Css;
        var script = HtmlAssets.Script;
        var h = new HtmlBuilder();
        HtmlPage.Head(h, "AtlasGuard scan: " + model.RootName, context.ToolVersion, css, script);
        h.Raw("<a class=\"skip\" href=\"#findings\">Skip to the findings</a>").Line();
        ReportHeader.Write(h, model);
        h.Raw("<main>").Line();
        MatrixSection.Write(h, model);
        PhasesSection.Write(h, model, PhaseTaxonomy.Default);
        MitigationsSection.Write(h, model);
        FindingsSection.Write(h, model);
        h.Raw("</main>").Line();
        HtmlPage.Foot(h, context.ToolVersion, model.Catalog.Version, script);
        return h;
    }
}
