using System.Text.Json;
using AtlasGuard.Cli;
using AtlasGuard.Testing;
using Microsoft.Playwright;

namespace AtlasGuard.Browser.Tests;

/// <summary>
/// The threat-model page of <c>examples/threat-models/fraud-partner-api</c>, written by the real command line with its
/// JSON result next to it, opened from disk in headless Chromium.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ThreatModelBrowserTests(BrowserFixture browser, ThreatModelPage report) : IClassFixture<ThreatModelPage>
{
    [ChromiumFact]
    public async Task Page_loads_without_errors_or_requests_and_shows_every_section()
    {
        var page = await browser.NewPageAsync();
        var watch = PageWatch.On(page);
        var url = await report.GetUrlAsync();

        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.Locator("#matrix-only-found").CheckAsync();

        Assert.Equal([url], watch.Requests.Distinct());
        Assert.Empty(watch.Errors);
        foreach (var section in new[] { "#matrix", "#phases", "#paths", "#priorities", "#decisions" })
        {
            await Assertions.Expect(page.Locator(section)).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.Locator("#matrix .technique:not(.sub)[data-count='0']").First).ToBeHiddenAsync();
    }

    [ChromiumFact]
    public async Task Matrix_cell_of_a_technique_carries_the_band_of_its_highest_residual_risk()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(await report.GetUrlAsync(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var (technique, band, count) = await report.ExpectedCellAsync("AML.T0018");

        var cell = page.Locator($"#matrix .technique:not(.sub)[data-technique='{technique}']").First;

        await Assertions.Expect(cell).ToBeVisibleAsync();
        await Assertions.Expect(cell).ToHaveAttributeAsync("data-severity", band);
        await Assertions.Expect(cell.Locator(".badge").First).ToHaveTextAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var quiet = page.Locator("#matrix .technique:not(.sub)[data-severity='none']").First;
        var colours = await Task.WhenAll(BackgroundAsync(cell), BackgroundAsync(quiet));
        Assert.NotEqual(colours[0], colours[1]);
    }

    private static Task<string> BackgroundAsync(ILocator cell) => cell.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}

/// <summary>The page and the JSON result of the fraud-partner-api example, written once per test class.</summary>
public sealed class ThreatModelPage : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("atlasguard-threat-model-").FullName;
    private readonly Lazy<Task<string>> _url;

    public ThreatModelPage() => _url = new(WriteAsync);

    public Task<string> GetUrlAsync() => _url.Value;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>What the JSON result says the parent technique's cell must show: band of the highest residual risk and the number of threats.</summary>
    public async Task<(string Technique, string Band, int Count)> ExpectedCellAsync(string technique)
    {
        await GetUrlAsync();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "result.json")));
        var threats = doc.RootElement.GetProperty("threats").EnumerateArray()
            .Where(t => t.GetProperty("applicability").GetString() == "applies"
                && t.GetProperty("tracking") is var d && !(d.ValueKind == JsonValueKind.Object && d.GetProperty("status").GetString() == "false_positive" && !d.GetProperty("expired").GetBoolean()))
            .Where(t => t.GetProperty("techniques").EnumerateArray().Any(x => x.GetString() == technique || x.GetString()!.StartsWith(technique + ".", StringComparison.Ordinal)))
            .ToList();
        var highest = threats.Max(t => t.GetProperty("score").GetProperty("residualRisk").GetInt32());
        var band = highest >= 12 ? "critical" : highest >= 8 ? "high" : highest >= 4 ? "medium" : "low";
        return (technique, band, threats.Count);
    }

    private async Task<string> WriteAsync()
    {
        var console = PageWatch.QuietConsole();
        var model = RepoPaths.InRepo("examples", "threat-models", "fraud-partner-api", "pipeline.yaml");
        var html = Path.Combine(_folder, "threat-model.html");
        foreach (var (format, output) in new[] { ("html", html), ("json", Path.Combine(_folder, "result.json")) })
        {
            var code = await CliApp.RunAsync(["threat-model", model, "--format", format, "--output", output, "--atlas-data", "embedded"],
                console, TimeProvider.System, CancellationToken.None);
            if (code != 0 || !File.Exists(output))
            {
                throw new InvalidOperationException($"atlasguard threat-model --format {format} exited {code} without writing {output}.");
            }
        }

        return new Uri(html).AbsoluteUri;
    }
}
