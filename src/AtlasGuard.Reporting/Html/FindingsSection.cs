using System.Globalization;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Reporting.Html;

/// <summary>
/// The findings as cards, worst first, with filter controls (progressive enhancement: the controls stay hidden
/// until the script runs, and every card is visible without it) and, once per rule, the rule's description and fix.
/// </summary>
internal static class FindingsSection
{
    public static void Write(HtmlBuilder h, HtmlReportModel model)
    {
        var total = model.Findings.Length;
        h.Raw("<section id=\"findings\" aria-labelledby=\"findings-title\">").Line();
        h.Raw("<h2 id=\"findings-title\">Findings</h2>").Line();
        FindingFilters.Write(h, model);
        h.Raw("<p id=\"findings-count\" aria-live=\"polite\">Showing ").Number(total).Raw(" of ").Number(total).Raw(" findings</p>").Line();
        if (total == 0)
        {
            h.Raw("<p class=\"empty\">No findings.</p>").Line();
        }

        h.Raw("<div class=\"findings\">").Line();
        foreach (var f in model.Findings)
        {
            WriteFinding(h, model, f);
        }

        h.Raw("</div>").Line();
        RuleGlossary.Write(h, model);
        h.Raw("</section>").Line();
    }

    private static void WriteFinding(HtmlBuilder h, HtmlReportModel model, Finding f)
    {
        var severity = f.Severity.ToWireName();
        h.Raw("<article class=\"finding\"").Attr("data-severity", severity).Attr("data-phase", f.Phase.ToWireName())
            .Attr("data-rule", f.RuleId).Attr("data-techniques", string.Join(' ', f.Techniques)).Raw(">").Line();
        h.Raw("<header><span class=\"sev\">").Raw(severity).Raw("</span> <a").Attr("href", "#rule-" + f.RuleId).Raw("><code class=\"rule\">").Text(f.RuleId)
            .Raw("</code></a><h3>").Text(f.Message).Raw("</h3></header>").Line();
        WriteLocation(h, f.Location);
        h.Raw("<dl>");
        if (f.Evidence is { } evidence)
        {
            h.Raw("<dt>Evidence</dt><dd class=\"evidence\"><code>").Text(evidence).Raw("</code></dd>");
        }

        // Technique names are on the matrix once; the script adds them here. Ids the catalog lacks say so in place.
        if (!f.Techniques.IsEmpty)
        {
            h.Raw("<dt>ATLAS</dt><dd class=\"atlas\">");
            for (var i = 0; i < f.Techniques.Length; i++)
            {
                var id = f.Techniques[i];
                h.Raw(i == 0 ? string.Empty : ", ").Text(id);
                if (model.Catalog.FindTechnique(id) is null)
                {
                    h.Raw(" (").Text(model.NameOf(id)).Raw(")");
                }
            }

            h.Raw("</dd>");
        }

        if (!f.Mitigations.IsEmpty)
        {
            h.Raw("<dt>Mitigations</dt><dd>").Text(string.Join(", ", f.Mitigations)).Raw("</dd>");
        }

        WriteFix(h, model, f);
        h.Raw("</dl>").Line().Raw("</article>").Line();
    }

    private static void WriteLocation(HtmlBuilder h, ArtifactLocation location)
    {
        h.Raw("<p class=\"loc\"><code>").Text(location.Path).Raw("</code>");
        if (location.InnerPath is { } inner)
        {
            h.Raw(" <span class=\"inner\">in ").Text(inner).Raw("</span>");
        }

        if (location.Line is { } line)
        {
            h.Raw(" <span class=\"pos\">line ").Number(line);
            if (location.Column is { } column)
            {
                h.Raw(", column ").Number(column);
            }

            h.Raw("</span>");
        }

        if (location.ByteOffset is { } offset)
        {
            h.Raw(" <span class=\"pos\">offset ").Raw(string.Create(CultureInfo.InvariantCulture, $"0x{offset:x}")).Raw("</span>");
        }

        h.Raw("</p>").Line();
    }

    // A finding's fix is almost always its rule's: that text is printed once in the rule glossary (the rule id in the
    // card's header links to it), and the script adds it to the card. A fix of its own is printed in full.
    private static void WriteFix(HtmlBuilder h, HtmlReportModel model, Finding f)
    {
        if (f.Remediation is not { } fix
            || (model.Rules.TryGetValue(f.RuleId, out var rule) && string.Equals(rule.Remediation, fix, StringComparison.Ordinal)))
        {
            return;
        }

        h.Raw("<dt>Fix</dt><dd class=\"fix\">").Text(fix).Raw("</dd>");
    }
}
