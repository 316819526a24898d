using System.Text;
using AtlasGuard.Cli;
using Microsoft.Playwright;
using Spectre.Console;

namespace AtlasGuard.Browser.Tests;

/// <summary>
/// A report built from an attacker's files must stay text in the browser: a file name and a pickle argument full of
/// markup are shown, never run, and load nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileReportBrowserTests(BrowserFixture browser) : IDisposable
{
    private const string HostileName = "\"><img src=x onerror=\"document.title='pwned'\">.pkl";
    private const string HostileArgument = "</code><script>document.title='pwned'</script><img src=y onerror=alert(1)>";

    private readonly string _folder = Directory.CreateTempSubdirectory("atlasguard-hostile-").FullName;

    [ChromiumFact]
    public async Task Markup_in_file_names_and_evidence_is_shown_as_text_and_never_runs()
    {
        var scanned = Path.Combine(_folder, "repo");
        Directory.CreateDirectory(scanned);

        // Protocol 0: GLOBAL os.system, a string argument, TUPLE, REDUCE, STOP.
        var pickle = "cos\nsystem\n(S'" + HostileArgument + "'\ntR.";
        await File.WriteAllBytesAsync(Path.Combine(scanned, HostileName), Encoding.ASCII.GetBytes(pickle));
        var html = Path.Combine(_folder, "report.html");
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
        Assert.Equal(1, await CliApp.RunAsync(["scan", scanned, "--format", "html", "--output", html], console, TimeProvider.System, CancellationToken.None));

        var page = await browser.NewPageAsync();
        var requests = new List<string>();
        var dialogs = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        page.Dialog += async (_, d) =>
        {
            dialogs.Add(d.Message);
            await d.DismissAsync();
        };
        var url = new Uri(html).AbsoluteUri;
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.StartsWith("AtlasGuard scan", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Empty(dialogs);
        Assert.Equal([url], requests.Distinct());
        Assert.Equal(0, await page.Locator("#findings img, #findings script").CountAsync());
        var findings = await page.Locator("#findings").InnerTextAsync();
        Assert.Contains("<img src=x onerror=", findings, StringComparison.Ordinal);
        Assert.Contains("<script>document.title=", findings, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
