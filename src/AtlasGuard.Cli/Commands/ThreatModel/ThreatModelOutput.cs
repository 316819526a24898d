using System.Text;
using AtlasGuard.Reporting.ThreatModel;
using Spectre.Console;

namespace AtlasGuard.Cli.Commands.ThreatModel;

/// <summary>Writes a threat-model result in the chosen format to the terminal or to <c>--output</c>.</summary>
internal static class ThreatModelOutput
{
    public static async Task WriteAsync(IAnsiConsole console, ThreatModelSettings settings, ThreatModelReport report, CancellationToken cancellationToken)
    {
        var result = report.Result;
        switch (settings.Format.ToLowerInvariant())
        {
            case "json":
                await WriteJsonAsync(console, settings.Output, s => ThreatModelJsonWriter.Write(result, s), cancellationToken).ConfigureAwait(false);
                return;
            case "navigator":
                await WriteJsonAsync(console, settings.Output, s => ThreatModelNavigatorWriter.Write(report, s), cancellationToken).ConfigureAwait(false);
                return;
            case "sarif":
                await WriteJsonAsync(console, settings.Output, s => ThreatModelSarifWriter.Write(report, s), cancellationToken).ConfigureAwait(false);
                return;
            case "markdown":
                await WriteTextAsync(console, settings.Output, ThreatModelMarkdownWriter.Render(result), cancellationToken).ConfigureAwait(false);
                return;
            case "html":
                // Like scan --format html: to --output, or to standard output for a redirect.
                await WriteTextAsync(console, settings.Output, ThreatModelHtmlWriter.Render(report), cancellationToken).ConfigureAwait(false);
                return;
        }

        if (settings.Output is null)
        {
            ThreatModelConsoleWriter.Write(result, console);
            return;
        }

        await using var file = new StreamWriter(settings.Output);
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(file),
            Interactive = InteractionSupport.No,
        });
        plain.Profile.Width = 120;
        ThreatModelConsoleWriter.Write(result, plain);
    }

    private static async Task WriteJsonAsync(IAnsiConsole console, string? output, Action<Stream> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        await WriteTextAsync(console, output, Encoding.UTF8.GetString(buffer.ToArray()) + "\n", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes raw text (no markup) to <paramref name="output"/>, or to the console's writer.</summary>
    public static async Task WriteTextAsync(IAnsiConsole console, string? output, string text, CancellationToken cancellationToken)
    {
        if (output is null)
        {
            await console.Profile.Out.Writer.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            await console.Profile.Out.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await File.WriteAllTextAsync(output, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }
}
