using AtlasGuard.Cli.Output;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary>
/// The shared frame of the <c>atlas</c> commands: loads the catalog (<c>--atlas-data</c>, else the release
/// <c>atlas update</c> cached, else the embedded facts), reports a load failure with exit code 2, then lets the
/// command render.
/// </summary>
internal abstract class AtlasCommand<TSettings>(IAnsiConsole console, AtlasCache cache) : Command<TSettings>
    where TSettings : AtlasSettings
{
    protected IAnsiConsole Console { get; } = console;

    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken) =>
        AtlasCatalogSource.LoadAndReport(settings.AtlasData, cache) is { } catalog ? Run(catalog, settings) : ExitCodes.UsageError;

    /// <summary>Renders the command's output; returns the exit code.</summary>
    protected abstract int Run(AtlasCatalog catalog, TSettings settings);

    /// <summary>Prints an unknown-id error with its suggestions and returns exit code 2.</summary>
    protected static int Unknown(string message)
    {
        Errors.Print([message]);
        return ExitCodes.UsageError;
    }
}
