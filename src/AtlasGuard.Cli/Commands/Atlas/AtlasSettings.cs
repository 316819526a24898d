using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary>Options every <c>atlasguard atlas</c> command takes.</summary>
internal class AtlasSettings : CommandSettings
{
    [CommandOption("-f|--format <FORMAT>")]
    [Description("[green]console[/] (default) or [green]json[/].")]
    [DefaultValue("console")]
    public string Format { get; init; } = "console";

    [CommandOption("--atlas-data <FILE>")]
    [Description("Read the catalog from FILE, an official MITRE ATLAS release (ATLAS.yaml), which adds MITRE's descriptions. "
        + "Default: the release [green]atlas update[/] cached, if any, else the facts AtlasGuard ships; "
        + "[green]embedded[/] forces those.")]
    public string? AtlasData { get; init; }

    /// <summary>Whether JSON was asked for.</summary>
    public bool Json => Format.Equals("json", StringComparison.OrdinalIgnoreCase);

    public override ValidationResult Validate() =>
        Json || Format.Equals("console", StringComparison.OrdinalIgnoreCase)
            ? ValidationResult.Success()
            : ValidationResult.Error($"Unknown format '{Format}'. Use console or json.");
}

/// <summary>Options of the <c>atlas</c> commands that show one entry.</summary>
internal sealed class AtlasIdSettings : AtlasSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The id, e.g. [grey]AML.T0010.003[/] (case-insensitive).")]
    public string Id { get; init; } = string.Empty;
}
