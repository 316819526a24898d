using Microsoft.Playwright;
using Spectre.Console;

namespace AtlasGuard.Browser.Tests;

/// <summary>What a page asked the network for and what it logged as an error or warning, from the moment it is watched.</summary>
internal sealed class PageWatch
{
    private PageWatch()
    {
    }

    public List<string> Requests { get; } = [];

    public List<string> Errors { get; } = [];

    public static PageWatch On(IPage page)
    {
        var watch = new PageWatch();
        page.Request += (_, r) => watch.Requests.Add(r.Url);
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                watch.Errors.Add(m.Type + ": " + m.Text);
            }
        };
        page.PageError += (_, e) => watch.Errors.Add("page error: " + e);
        return watch;
    }

    /// <summary>A console that swallows the command line's output, for writing reports in-process.</summary>
    public static IAnsiConsole QuietConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Out = new AnsiConsoleOutput(TextWriter.Null),
        Interactive = InteractionSupport.No,
    });
}
