namespace AtlasGuard.Browser.Tests;

/// <summary>Tells a broken browser set-up apart from a broken report: Chromium starts and runs a script.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserSmokeTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task Chromium_starts_and_runs_a_page_script()
    {
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<p id=p></p><script>document.getElementById('p').textContent = String(6 * 7);</script>");
        Assert.Equal("42", await page.Locator("#p").TextContentAsync());
    }
}
