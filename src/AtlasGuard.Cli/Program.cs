using AtlasGuard.Cli;
using Spectre.Console;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // Reports piped to a file or another program are read whole; do not wrap them at 80 columns.
    console.Profile.Width = 200;
}

return await CliApp.RunAsync(args, console, TimeProvider.System, cancellation.Token).ConfigureAwait(false);
