using AtlasGuard.Core.Findings;

namespace AtlasGuard.Reporting.Html;

/// <summary>The page header (root name, versions, counts, findings per severity) and the section navigation.</summary>
internal static class ReportHeader
{
    public static void Write(HtmlBuilder h, HtmlReportModel model)
    {
        var stats = model.Result.Statistics;
        h.Raw("<header class=\"top\">").Line();
        h.Raw("<p class=\"brand\">AtlasGuard scan report</p>").Line();
        h.Raw("<h1>").Text(model.RootName).Raw("</h1>").Line();
        h.Raw("<dl class=\"facts\">");
        Fact(h, "Tool", ToolInfo.Name + " " + model.Context.ToolVersion);
        Fact(h, "ATLAS data", model.Catalog.Version);
        Fact(h, "Files scanned", stats.FilesScanned);
        Fact(h, "Archive members", stats.MembersScanned);
        Fact(h, "Findings", model.Findings.Length);
        if (model.Result.SuppressedCount > 0)
        {
            Fact(h, "Suppressed", model.Result.SuppressedCount);
        }

        h.Raw("</dl>").Line();
        h.Raw("<ul class=\"totals\" aria-label=\"Findings by severity\">");
        foreach (var s in HtmlReportModel.SeveritiesWorstFirst)
        {
            var n = model.Count(s);
            h.Raw("<li class=\"sev-badge\" data-severity=\"").Raw(n == 0 ? "none" : s.ToWireName()).Raw("\" data-total=\"").Raw(s.ToWireName())
                .Raw("\"><strong>").Number(n).Raw("</strong> ").Raw(s.ToWireName()).Raw("</li>");
        }

        h.Raw("</ul>").Line().Raw("</header>").Line();
        h.Raw("<nav aria-label=\"Sections\"><ul>")
            .Raw("<li><a href=\"#matrix\">ATLAS matrix</a></li>")
            .Raw("<li><a href=\"#phases\">MLOps phases</a></li>")
            .Raw("<li><a href=\"#mitigations\">Mitigations</a></li>")
            .Raw("<li><a href=\"#findings\">Findings</a></li>")
            .Raw("</ul></nav>").Line();
    }

    private static void Fact(HtmlBuilder h, string label, string value) =>
        h.Raw("<div><dt>").Text(label).Raw("</dt><dd>").Text(value).Raw("</dd></div>");

    private static void Fact(HtmlBuilder h, string label, long value) =>
        h.Raw("<div><dt>").Text(label).Raw("</dt><dd>").Number(value).Raw("</dd></div>");
}
