using System.Text;
using AtlasGuard.Reporting.ThreatModel;
using AtlasGuard.ThreatModel.Evaluation;
using Spectre.Console;

namespace AtlasGuard.Cli.Commands.ThreatModel;

/// <summary>Writes a threat-model result in the chosen format to the terminal or to <c>--output</c>.</summary>
internal static class ThreatModelOutput
{
    public static async Task WriteAsync(IAnsiConsole console, ThreatModelSettings settings, ThreatModelResult result, CancellationToken cancellationToken)
    {
        switch (settings.Format.ToLowerInvariant())
        {
            case "json":
                using (var buffer = new MemoryStream())
                {
                    ThreatModelJsonWriter.Write(result, buffer);
                    await WriteTextAsync(console, settings.Output, Encoding.UTF8.GetString(buffer.ToArray()) + "\n", cancellationToken).ConfigureAwait(false);
                }

                return;
            case "markdown":
                await WriteTextAsync(console, settings.Output, ThreatModelMarkdownWriter.Render(result), cancellationToken).ConfigureAwait(false);
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
