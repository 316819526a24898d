using AtlasGuard.Testing;
using Microsoft.Playwright;

namespace AtlasGuard.Browser.Tests;

/// <summary>
/// Pictures of the example's HTML report for the README. Taken on every run into the test's temporary folder; with
/// <c>UPDATE_SCREENSHOTS=1</c> they replace the ones under <c>docs/img/</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser, ExampleReport report)
{
    public const string MatrixImage = "docs/img/html-report-matrix.png";
    public const string FindingsImage = "docs/img/html-report-findings.png";

    [ChromiumFact]
    public async Task Screenshots_of_the_matrix_and_the_findings()
    {
        var page = await browser.NewPageAsync(1440, 900);
        await page.GotoAsync(await report.GetUrlAsync(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await SaveAsync(await page.ScreenshotAsync(), MatrixImage);

        // The findings as a reader lands on them from the navigation: filtered to critical through the hash.
        var findings = await browser.NewPageAsync(1440, 1000);
        await findings.GotoAsync(await report.GetUrlAsync() + "#findings?severity=critical", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await Assertions.Expect(findings.Locator("#findings-count")).ToContainTextAsync("Showing 2 of");
        await findings.Locator("#findings").ScrollIntoViewIfNeededAsync();
        await SaveAsync(await findings.ScreenshotAsync(), FindingsImage);
    }

    [Fact]
    public void The_readme_shows_the_committed_screenshots()
    {
        var readme = File.ReadAllText(RepoPaths.InRepo("README.md"));
        foreach (var image in new[] { MatrixImage, FindingsImage })
        {
            Assert.True(File.Exists(RepoPaths.InRepo(image)), $"{image} is missing; run the browser tests with UPDATE_SCREENSHOTS=1.");
            Assert.Contains("(" + image + ")", readme, StringComparison.Ordinal);
        }
    }

    private static async Task SaveAsync(byte[] png, string repoRelative)
    {
        // PNG signature, and big enough to be a real page rather than a blank one.
        Assert.True(png.Length > 20_000, $"{repoRelative}: only {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        var target = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1"
            ? RepoPaths.InRepo(repoRelative)
            : Path.Combine(Path.GetTempPath(), "atlasguard-screenshots", Path.GetFileName(repoRelative));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllBytesAsync(target, png);
    }
}
