using System.ComponentModel;
using AtlasGuard.ThreatModel.Scoring;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli.Commands.ThreatModel;

/// <summary>Options of <c>atlasguard threat-model</c>.</summary>
internal sealed class ThreatModelSettings : CommandSettings
{
    public static readonly string[] Formats = ["console", "json", "markdown", "html", "navigator", "sarif"];

    [CommandArgument(0, "[FILE]")]
    [Description("The pipeline model (YAML). Not needed with [green]--discover[/].")]
    public string? File { get; init; }

    [CommandOption("-p|--profiles <FILE>")]
    [Description("Add the attacker profiles of FILE to the built-in ones (repeatable).")]
    public string[] Profiles { get; init; } = [];

    [CommandOption("--scan <PATH>")]
    [Description("Scan PATH with the built-in detectors and use the findings as evidence: a threat a finding on its component "
        + "(by the component's [green]sources[/]) supports is [red]observed[/], likelihood 4.")]
    public string? Scan { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("With [green]--scan[/]: read excludes, severity overrides and suppressions from FILE (atlasguard.yaml), as "
        + "[green]atlasguard scan --config[/] does; a suppressed finding is no evidence.")]
    public string? Config { get; init; }

    [CommandOption("-e|--exclude <GLOB>")]
    [Description("With [green]--scan[/]: skip paths matching a gitignore-style GLOB (repeatable).")]
    public string[] Excludes { get; init; } = [];

    [CommandOption("--scan-report <FILE>")]
    [Description("Use the findings of FILE, a saved [green]atlasguard scan --format json[/] report, as evidence.")]
    public string? ScanReport { get; init; }

    [CommandOption("--discover <PATH>")]
    [Description("Instead of evaluating, draft a pipeline model from the repository at PATH (compose files, Kubernetes "
        + "manifests, model files, notebooks, dependencies, CI) and write its YAML to [green]--output[/] or standard output.")]
    public string? Discover { get; init; }

    [CommandOption("-f|--format <FORMAT>")]
    [Description("Output format: [green]console[/] (default), [green]json[/], [green]markdown[/], [green]html[/] (a self-contained page: "
        + "ATLAS matrix by residual risk, phases, attack paths, decisions), [green]navigator[/] (an ATLAS Navigator layer) or "
        + "[green]sarif[/] (open threats at their component's line in the model, for code scanning).")]
    [DefaultValue("console")]
    public string Format { get; init; } = "console";

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the report (or the drafted YAML) to FILE instead of standard output.")]
    public string? Output { get; init; }

    [CommandOption("--fail-on <BAND>")]
    [Description("Exit with 1 when an open threat's residual risk is in BAND or above: low, medium, high, critical. Default: none (exit 0).")]
    [DefaultValue("none")]
    public string FailOn { get; init; } = "none";

    [CommandOption("--atlas-data <FILE>")]
    [Description("Evaluate against FILE, an official MITRE ATLAS release (ATLAS.yaml). Default: the release [green]atlas update[/] "
        + "cached, if any, else the facts AtlasGuard ships; [green]embedded[/] forces those.")]
    public string? AtlasData { get; init; }

    /// <summary>The --fail-on band, or null for none.</summary>
    public RiskBand? FailOnBand => TryBand(FailOn, out var band) ? band : null;

    public override ValidationResult Validate()
    {
        if (!Formats.Contains(Format, StringComparer.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"Unknown format '{Format}': use {string.Join(", ", Formats)}.");
        }

        if (!FailOn.Equals("none", StringComparison.OrdinalIgnoreCase) && !TryBand(FailOn, out _))
        {
            return ValidationResult.Error($"Unknown --fail-on '{FailOn}': use low, medium, high, critical or none.");
        }

        if (Discover is null && File is null)
        {
            return ValidationResult.Error("Give the pipeline model FILE, or --discover PATH to draft one.");
        }

        if (Discover is not null && (File is not null || Scan is not null || ScanReport is not null))
        {
            return ValidationResult.Error("--discover drafts a model; it takes no FILE, --scan or --scan-report.");
        }

        if (Scan is null && (Config is not null || Excludes.Length > 0))
        {
            return ValidationResult.Error("--config and --exclude shape the scan of --scan PATH; give --scan too.");
        }

        return Scan is not null && ScanReport is not null
            ? ValidationResult.Error("Use --scan or --scan-report, not both.")
            : ValidationResult.Success();
    }

    private static bool TryBand(string text, out RiskBand band) =>
        Enum.TryParse(text, ignoreCase: true, out band) && Enum.IsDefined(band) && !int.TryParse(text, out _);
}
