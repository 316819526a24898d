using System.Text.RegularExpressions;
using AtlasGuard.Core.Atlas;
using Microsoft.Playwright;

namespace AtlasGuard.Browser.Tests;

/// <summary>
/// The HTML report of the bundled example, opened from disk in headless Chromium: the matrix shows the example's
/// techniques, the filters work, and the page reaches for nothing outside itself.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HtmlReportBrowserTests(BrowserFixture browser, ExampleReport report)
{
    // What scanning examples/fraud-detection finds: two critical AG-MDL-001 findings (AML.T0011.000,
    // AML.T0010.003, AML.T0018.002) and one low AG-MDL-084 (AML.T0011.000).
    private const int ExampleFindings = 3;

    [ChromiumFact]
    public async Task Matrix_colours_the_cells_of_the_example_techniques_by_their_worst_finding()
    {
        var page = await OpenAsync();
        foreach (var parent in new[] { "AML.T0011", "AML.T0010", "AML.T0018" })
        {
            var cells = page.Locator($"#matrix .technique:not(.sub)[data-technique='{parent}']");
            Assert.True(await cells.CountAsync() >= 1, $"{parent} has no cell in the matrix");
            var cell = cells.First;
            await Assertions.Expect(cell).ToBeVisibleAsync();
            await Assertions.Expect(cell).ToHaveAttributeAsync("data-severity", "critical");
            await Assertions.Expect(cell.Locator(".badge").First).ToBeVisibleAsync();
        }

        // A sub-technique with findings is shown unfolded, coloured by its own findings.
        var sub = page.Locator("#matrix .technique.sub[data-technique='AML.T0010.003']").First;
        await Assertions.Expect(sub).ToBeVisibleAsync();
        await Assertions.Expect(sub).ToHaveAttributeAsync("data-severity", "critical");

        // A technique nobody found looks different from a critical one.
        var quiet = page.Locator("#matrix .technique:not(.sub)[data-severity='none']").First;
        await Assertions.Expect(quiet).ToBeVisibleAsync();
        var critical = page.Locator("#matrix .technique:not(.sub)[data-technique='AML.T0011']").First;
        Assert.NotEqual(await BackgroundAsync(quiet), await BackgroundAsync(critical));
    }

    [ChromiumFact]
    public async Task Matrix_has_every_tactic_in_matrix_order()
    {
        var page = await OpenAsync();
        var shown = await page.Locator("#matrix .tactic").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.tactic)");
        Assert.Equal(AtlasCatalog.Embedded.Tactics.Select(t => t.Id), shown);
    }

    [ChromiumFact]
    public async Task Only_found_toggle_leaves_just_the_techniques_with_findings()
    {
        var page = await OpenAsync();
        var toggle = page.Locator("#matrix-only-found");
        await toggle.CheckAsync();
        var visible = await page.Locator("#matrix .technique:not(.sub)").EvaluateAllAsync<string[]>(
            "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.count)");
        Assert.NotEmpty(visible);
        Assert.DoesNotContain("0", visible);
        await toggle.UncheckAsync();
        await Assertions.Expect(page.Locator("#matrix .technique:not(.sub)[data-severity='none']").First).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task Severity_filter_keeps_that_severity_and_worse()
    {
        var page = await OpenAsync();
        await ExpectCountAsync(page, ExampleFindings);
        await page.Locator("#filter-severity").SelectOptionAsync("critical");
        await ExpectCountAsync(page, 2);
        await Assertions.Expect(page.Locator("article.finding[data-severity='low']")).ToBeHiddenAsync();
        Assert.Contains("severity=critical", new Uri(page.Url).Fragment, StringComparison.Ordinal);

        await page.Locator("#filter-severity").SelectOptionAsync("low");
        await ExpectCountAsync(page, ExampleFindings);
    }

    [ChromiumFact]
    public async Task Rule_filter_and_clear_button()
    {
        var page = await OpenAsync();
        await page.Locator("#filter-rule").SelectOptionAsync("AG-MDL-084");
        await ExpectCountAsync(page, 1);
        await Assertions.Expect(page.Locator("article.finding[data-rule='AG-MDL-001']").First).ToBeHiddenAsync();
        await page.Locator("#filter-clear").ClickAsync();
        await ExpectCountAsync(page, ExampleFindings);
        await Assertions.Expect(page.Locator("#filter-rule")).ToHaveValueAsync("all");
    }

    [ChromiumFact]
    public async Task Phase_and_tactic_filters_select_by_the_finding_placement()
    {
        var page = await OpenAsync();
        await page.Locator("#filter-phase").SelectOptionAsync("development");
        await ExpectCountAsync(page, ExampleFindings);

        // Only the AG-MDL-001 findings name AML.T0010.003, whose parent is an Initial Access technique.
        var initialAccess = AtlasCatalog.Embedded.TacticsOf("AML.T0010").Single().Id;
        Assert.DoesNotContain(AtlasCatalog.Embedded.TacticsOf("AML.T0011"), t => t.Id == initialAccess);
        await page.Locator("#filter-tactic").SelectOptionAsync(initialAccess);
        await ExpectCountAsync(page, 2);
    }

    [ChromiumFact]
    public async Task Text_filter_matches_nothing_for_text_that_is_nowhere()
    {
        var page = await OpenAsync();
        await page.Locator("#filter-text").FillAsync("no such text in any finding");
        await ExpectCountAsync(page, 0);
        await page.Locator("#filter-text").FillAsync(string.Empty);
        await ExpectCountAsync(page, ExampleFindings);
    }

    [ChromiumFact]
    public async Task Clicking_a_technique_cell_filters_the_findings_to_it()
    {
        var page = await OpenAsync();
        await page.Locator("#matrix .technique.sub[data-technique='AML.T0018.002']").First.ClickAsync();
        await ExpectCountAsync(page, 2);
        Assert.Contains("technique=AML.T0018.002", new Uri(page.Url).Fragment, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Clicking_a_parent_cell_lists_the_findings_of_its_sub_techniques_and_clears_other_filters()
    {
        var page = await OpenAsync();
        await page.Locator("#filter-rule").SelectOptionAsync("AG-MDL-084");
        await ExpectCountAsync(page, 1);

        // AML.T0018 has no finding of its own; its sub-technique AML.T0018.002 has the two AG-MDL-001 ones.
        // Click on the cell's own name, not in its middle, where its folded sub-techniques are.
        await page.Locator("#matrix .technique:not(.sub)[data-technique='AML.T0018']").First
            .ClickAsync(new LocatorClickOptions { Position = new Position { X = 12, Y = 10 } });
        await ExpectCountAsync(page, 2);
        await Assertions.Expect(page.Locator("#filter-technique")).ToHaveValueAsync("AML.T0018");
        await Assertions.Expect(page.Locator("#filter-rule")).ToHaveValueAsync("all");
    }

    [ChromiumFact]
    public async Task Enter_on_a_focused_technique_cell_filters_like_a_click()
    {
        var page = await OpenAsync();
        var cell = page.Locator("#matrix .technique.sub[data-technique='AML.T0018.002']").First;
        await cell.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await ExpectCountAsync(page, 2);
    }

    [ChromiumFact]
    public async Task A_link_with_filters_in_its_hash_opens_filtered()
    {
        var page = await OpenAsync("#findings?severity=critical&rule=AG-MDL-001");
        await ExpectCountAsync(page, 2);
        await Assertions.Expect(page.Locator("#filter-severity")).ToHaveValueAsync("critical");
        await Assertions.Expect(page.Locator("#filter-rule")).ToHaveValueAsync("AG-MDL-001");
    }

    [ChromiumFact]
    public async Task Every_filter_control_has_a_label()
    {
        var page = await OpenAsync();
        foreach (var id in new[] { "filter-severity", "filter-phase", "filter-tactic", "filter-rule", "filter-technique", "filter-text", "matrix-only-found" })
        {
            var label = await page.Locator("#" + id).EvaluateAsync<string>(
                "e => (e.labels && e.labels.length ? e.labels[0].textContent : '') || e.getAttribute('aria-label') || ''");
            Assert.False(string.IsNullOrWhiteSpace(label), $"#{id} has no label");
        }
    }

    [ChromiumFact]
    public async Task Print_layout_hides_the_filter_controls_and_keeps_every_section()
    {
        var page = await OpenAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator("#filter-severity")).ToBeHiddenAsync();
        foreach (var section in new[] { "#matrix", "#phases", "#mitigations", "#findings" })
        {
            await Assertions.Expect(page.Locator(section)).ToBeVisibleAsync();
        }

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000, "the printed report is suspiciously small");
    }

    [ChromiumFact]
    public async Task The_page_loads_nothing_from_outside_itself_and_logs_no_errors()
    {
        var page = await browser.NewPageAsync();
        var watch = PageWatch.On(page);
        var url = await report.GetUrlAsync();
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.Locator("#filter-severity").SelectOptionAsync("critical");
        await page.Locator("#matrix .technique.sub[data-technique='AML.T0010.003']").First.ClickAsync();

        Assert.Equal([url], watch.Requests.Distinct());
        Assert.Empty(watch.Errors);
    }

    private async Task<IPage> OpenAsync(string hash = "")
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(await report.GetUrlAsync() + hash, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await Assertions.Expect(page.Locator("#matrix")).ToBeVisibleAsync();
        return page;
    }

    private static Task ExpectCountAsync(IPage page, int shown) =>
        Assertions.Expect(page.Locator("#findings-count")).ToHaveTextAsync(CountText(shown));

    private static Regex CountText(int shown) => new($"^\\s*Showing {shown} of {ExampleFindings} findings?\\s*$");

    private static Task<string> BackgroundAsync(ILocator cell) => cell.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}
