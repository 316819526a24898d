using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;

namespace AtlasGuard.Cli.Tests;

/// <summary>Runs the real command line in-process with a captured, colourless console.</summary>
internal static class CliRunner
{
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunWithWidthAsync(160, args);

    public static Task<(int ExitCode, string Output)> RunWithWidthAsync(int width, params string[] args) => RunAsync(width, null, args);

    /// <summary>Runs with <paramref name="cacheRoot"/> as the user's cache instead of the empty one of <see cref="TestCache"/>.</summary>
    public static Task<(int ExitCode, string Output)> RunWithCacheAsync(string cacheRoot, params string[] args) =>
        RunAsync(160, new AtlasCache(cacheRoot), args);

    private static async Task<(int ExitCode, string Output)> RunAsync(int width, AtlasCache? cache, string[] args)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        var code = await CliApp.RunAsync(args, console, TimeProvider.System, CancellationToken.None, cache);
        return (code, writer.ToString());
    }
}
