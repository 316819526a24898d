using AngleSharp.Dom;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Testing;

namespace AtlasGuard.Reporting.Tests;

/// <summary>The HTML report's DOM contract: sections, matrix, phases, mitigations and findings with their filters.</summary>
public sealed class HtmlReportStructureTests
{
    private static readonly AtlasCatalog Catalog = AtlasCatalog.Embedded;

    [Fact]
    public async Task Page_has_the_header_and_the_four_sections_in_order()
    {
        var doc = await Document(SampleResults.Create());

        Assert.Equal("en", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal("AtlasGuard scan: repo", doc.Title);
        Assert.Equal(["#matrix", "#phases", "#mitigations", "#findings"], doc.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["matrix", "phases", "mitigations", "findings"], doc.QuerySelectorAll("main > section").Select(s => s.Id));
        var header = doc.QuerySelector("header.top")!.TextContent;
        Assert.Contains("AtlasGuard 1.2.3", header, StringComparison.Ordinal);
        Assert.Contains(Catalog.Version, header, StringComparison.Ordinal);
        Assert.Equal("1 critical", doc.QuerySelector(".totals [data-total='critical']")!.TextContent);
        Assert.Equal("3 medium", doc.QuerySelector(".totals [data-total='medium']")!.TextContent);
    }

    [Fact]
    public async Task Matrix_has_every_tactic_in_order_and_every_top_level_technique()
    {
        var doc = await Document(SampleResults.Empty());

        var tactics = doc.QuerySelectorAll(".matrix > .tactic").ToList();
        Assert.Equal(Catalog.Tactics.Select(t => t.Id), tactics.Select(t => t.GetAttribute("data-tactic")));
        foreach (var (tactic, column) in Catalog.Tactics.Zip(tactics))
        {
            var cells = column.Children.Where(c => c.ClassList.Contains("technique")).Select(c => c.GetAttribute("data-technique"));
            Assert.Equal(Catalog.TechniquesOf(tactic.Id).Select(t => t.Id), cells);
        }

        Assert.All(doc.QuerySelectorAll(".technique"), c => Assert.Equal(("none", "0"), (c.GetAttribute("data-severity"), c.GetAttribute("data-count"))));
        Assert.Empty(doc.QuerySelectorAll(".technique .badge"));
        Assert.Empty(doc.QuerySelectorAll("details.subs[open]"));
        Assert.NotNull(doc.QuerySelector("label input#matrix-only-found[type='checkbox']"));
    }

    [Fact]
    public async Task Sub_technique_findings_roll_up_to_the_parent_cell()
    {
        var doc = await Document(SampleResults.Create());

        // AML.T0011.000: the critical finding and both medium ones; AML.T0010.003: the critical one and the scan finding.
        foreach (var parent in Cells(doc, "AML.T0011"))
        {
            Assert.Equal(("critical", "3"), (parent.GetAttribute("data-severity"), parent.GetAttribute("data-count")));
            Assert.Equal("3", parent.QuerySelector(":scope > .badge")!.TextContent);
            var subs = parent.QuerySelector("details.subs")!;
            Assert.True(subs.HasAttribute("open"));
            Assert.Equal($"{Catalog.SubTechniquesOf("AML.T0011").Length} sub-techniques", subs.QuerySelector("summary")!.TextContent);
            var sub = subs.QuerySelector(".technique.sub[data-technique='AML.T0011.000']")!;
            Assert.Equal(("critical", "3"), (sub.GetAttribute("data-severity"), sub.GetAttribute("data-count")));
            Assert.Contains("rules: AG-MDL-001, AG-MDL-003", parent.GetAttribute("title"), StringComparison.Ordinal);
        }

        Assert.All(Cells(doc, "AML.T0010"), c => Assert.Equal("2", c.GetAttribute("data-count")));
        Assert.All(Cells(doc, "AML.T0010.001"), c => Assert.Equal("none", c.GetAttribute("data-severity")));
        Assert.Equal("3 findings", doc.QuerySelector(".tactic[data-tactic='AML.TA0005'] h3 .count")?.TextContent);
    }

    [Fact]
    public async Task Severity_is_written_as_text_wherever_it_is_a_colour()
    {
        var doc = await Document(SampleResults.Create());

        var coloured = doc.QuerySelectorAll(".technique").Where(c => c.GetAttribute("data-severity") != "none").ToList();
        Assert.NotEmpty(coloured);
        Assert.All(coloured, c => Assert.Equal(c.GetAttribute("data-severity"), c.QuerySelector(":scope > .sev")!.TextContent));
        Assert.All(doc.QuerySelectorAll("article.finding"), a => Assert.Equal(a.GetAttribute("data-severity"), a.QuerySelector("header .sev")!.TextContent));
        Assert.Equal(["critical", "high", "medium", "low", "info", "no findings"], doc.QuerySelectorAll(".legend li").Select(l => l.TextContent));
    }

    [Fact]
    public async Task Unknown_technique_ids_are_listed_never_fatal()
    {
        var finding = SampleResults.Medium.CreateFinding(new ArtifactLocation("x.pt"), "x") with { Techniques = ["AML.T9999", "AML.T0010.999", "AML.T0010.003"] };
        var doc = await Document(SampleResults.Empty() with { Findings = [finding] });

        var note = doc.QuerySelector("#matrix .unknown")!.TextContent;
        Assert.Contains("AML.T0010.999", note, StringComparison.Ordinal);
        Assert.Contains("AML.T9999", note, StringComparison.Ordinal);
        Assert.All(Cells(doc, "AML.T0010"), c => Assert.Equal("1", c.GetAttribute("data-count")));
        Assert.Contains("AML.T9999 (not in ATLAS", doc.QuerySelector("article.finding")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(doc.QuerySelectorAll("#filter-technique option"), o => o.GetAttribute("value") == "AML.T9999");
    }

    [Fact]
    public async Task Phases_cover_all_eight_phases_in_their_stages()
    {
        var doc = await Document(SampleResults.Create());

        var stages = doc.QuerySelectorAll("#phases .stage").ToList();
        Assert.Equal(["Design/Setup", "Model Development and Evaluation", "Operations"], stages.Select(s => s.QuerySelector("h3")!.TextContent));
        Assert.Equal(MlopsPhases.All.Select(p => p.ToWireName()), doc.QuerySelectorAll("#phases [data-phase]").Select(p => p.GetAttribute("data-phase")));
        var development = doc.QuerySelector("#phases [data-phase='development']")!;
        Assert.Equal(["1 critical", "3 medium"], development.QuerySelectorAll(".sev-counts li").Select(l => l.TextContent));
        Assert.Contains("AML.T0011.000", development.TextContent, StringComparison.Ordinal);
        Assert.Contains("AML.M0014", development.TextContent, StringComparison.Ordinal);
        var placed = PhaseTaxonomy.Default.TechniquesOf(MlopsPhase.Serving).Length;
        Assert.StartsWith($"{placed} ATLAS techniques placed", doc.QuerySelector("#phases [data-phase='serving'] .placed")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mitigation_checklist_merges_rule_and_catalog_mitigations_most_findings_first()
    {
        var doc = await Document(SampleResults.Create());

        var items = doc.QuerySelectorAll("#mitigation-checklist > li").ToList();
        var first = items.Single(i => i.GetAttribute("data-mitigation") == "AML.M0014");
        Assert.NotNull(first.QuerySelector("input[type='checkbox']"));
        Assert.Equal(first.QuerySelector("input")!.Id, first.QuerySelector("label")!.GetAttribute("for"));
        Assert.Contains("named by rules", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("4 findings", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Verify AI Artifacts", first.TextContent, StringComparison.Ordinal);
        var expectedFromCatalog = Catalog.MitigationsOf("AML.T0011.000").Select(m => m.Id).Except(["AML.M0014", "AML.M0016"]).First();
        var suggested = items.Single(i => i.GetAttribute("data-mitigation") == expectedFromCatalog);
        Assert.Contains("ATLAS suggests for technique AML.T0011.000", suggested.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("named by rules", suggested.TextContent, StringComparison.Ordinal);
        var order = items.Select(i => (Count: int.Parse(i.QuerySelector("p.meta:last-child")!.TextContent.Split(' ')[0]), Id: i.GetAttribute("data-mitigation")!))
            .ToList();
        Assert.Equal(order.OrderByDescending(o => o.Count).ThenBy(o => o.Id, StringComparer.Ordinal), order);
        Assert.Equal(4, order[0].Count);
    }

    [Fact]
    public async Task Findings_carry_the_filter_attributes_and_the_filters_offer_what_is_present()
    {
        var doc = await Document(SampleResults.Create());

        var articles = doc.QuerySelectorAll("article.finding").ToList();
        Assert.Equal(["critical", "medium", "medium", "medium"], articles.Select(a => a.GetAttribute("data-severity")));
        var critical = articles[0];
        Assert.Equal("AG-MDL-001", critical.GetAttribute("data-rule"));
        Assert.Equal("development", critical.GetAttribute("data-phase"));
        Assert.Equal("AML.T0011.000 AML.T0010.003", critical.GetAttribute("data-techniques"));
        var tactics = Catalog.Tactics.Select(t => t.Id)
            .Where(t => Catalog.TacticsOf("AML.T0011.000").Concat(Catalog.TacticsOf("AML.T0010.003")).Any(x => x.Id == t));
        // The script reads a card's tactics off the matrix columns that hold its techniques.
        var columns = doc.QuerySelectorAll("#matrix .tactic")
            .Where(c => c.QuerySelectorAll(".technique").Any(t => t.GetAttribute("data-technique") is "AML.T0011.000" or "AML.T0010.003"))
            .Select(c => c.GetAttribute("data-tactic"));
        Assert.Equal(tactics, columns);
        Assert.Equal("in archive/data.pkl", critical.QuerySelector(".loc .inner")!.TextContent);
        Assert.Equal("critical", critical.QuerySelector("header .sev")!.TextContent);
        Assert.Equal("AG-MDL-001", critical.QuerySelector("header .rule")!.TextContent);
        Assert.Equal("Showing 4 of 4 findings", doc.GetElementById("findings-count")!.TextContent);
        Assert.Equal("polite", doc.GetElementById("findings-count")!.GetAttribute("aria-live"));
        Assert.Equal(["all", "critical", "high", "medium", "low", "info"], Options(doc, "filter-severity"));
        Assert.Equal(["all", "development"], Options(doc, "filter-phase"));
        Assert.Equal(["all", "AG-MDL-001", "AG-MDL-003", "AG-SCN-001"], Options(doc, "filter-rule"));
        Assert.Contains("AML.T0011", Options(doc, "filter-technique"));
        var allTactics = tactics.Concat(Catalog.TacticsOf("AML.T0076").Select(t => t.Id)).ToHashSet();
        Assert.Equal(["all", .. Catalog.Tactics.Select(t => t.Id).Where(allTactics.Contains)], Options(doc, "filter-tactic"));
        Assert.Equal("search", doc.GetElementById("filter-text")!.GetAttribute("type"));
        Assert.NotNull(doc.GetElementById("filter-clear"));
        Assert.All(new[] { "filter-severity", "filter-phase", "filter-tactic", "filter-rule", "filter-technique", "filter-text" },
            id => Assert.NotNull(doc.QuerySelector($"label[for='{id}']")));
        Assert.Empty(doc.QuerySelectorAll("article[hidden]"));
    }

    [SharedFact("atlas/ATLAS.yaml")]
    public async Task Names_and_matrix_come_from_the_catalog_of_the_context()
    {
        var release = AtlasYamlLoader.LoadFile(RepoPaths.InShared("atlas", "ATLAS.yaml"));
        using var stream = new MemoryStream();

        await ReportWriters.All["html"].WriteAsync(SampleResults.Create(), new ReportContext("1.2.3") { Catalog = release }, stream);

        var doc = HtmlReportWriterTests.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Contains(release.Version, doc.QuerySelector("header.top")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(release.Tactics.Select(t => t.Id), doc.QuerySelectorAll(".matrix > .tactic").Select(t => t.GetAttribute("data-tactic")));
        Assert.Equal(release.Techniques.Count(t => !t.IsSubTechnique),
            doc.QuerySelectorAll(".matrix .technique:not(.sub)").Select(c => c.GetAttribute("data-technique")).Distinct().Count());
    }

    private static List<string?> Options(IDocument doc, string id) =>
        doc.GetElementById(id)!.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).ToList();

    private static List<IElement> Cells(IDocument doc, string id)
    {
        var cells = doc.QuerySelectorAll($".technique[data-technique='{id}']").ToList();
        Assert.NotEmpty(cells);
        return cells;
    }

    private static async Task<IDocument> Document(ScanResult result) => HtmlReportWriterTests.Parse(await HtmlReportWriterTests.Render(result));
}
