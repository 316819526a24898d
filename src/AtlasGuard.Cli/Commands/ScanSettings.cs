using System.ComponentModel;
using AtlasGuard.Cli.Output;
using AtlasGuard.Core.Findings;
using AtlasGuard.Reporting.Navigator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli.Commands;

/// <summary>Options of <c>atlasguard scan</c>.</summary>
internal sealed class ScanSettings : CommandSettings
{
    [CommandArgument(0, "[PATH]")]
    [Description("One or more files, folders or archives to scan. Default: the current folder.")]
    public string[] Paths { get; init; } = [];

    [CommandOption("-f|--format <FORMAT>")]
    [Description("Output format: [green]console[/] (default), [green]json[/], [green]sarif[/], [green]navigator[/] (an ATLAS Navigator layer) or [green]html[/] (a self-contained page: ATLAS matrix, phases, mitigations, findings).")]
    [DefaultValue("console")]
    public string Format { get; init; } = "console";

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the report to FILE instead of the terminal.")]
    public string? Output { get; init; }

    [CommandOption("--navigator-score <SCORE>")]
    [Description("With [green]--format navigator[/]: score techniques by finding [green]count[/] (default) or worst [green]severity[/] (1 info to 5 critical).")]
    [DefaultValue("count")]
    public string NavigatorScore { get; init; } = "count";

    [CommandOption("--fail-on <SEVERITY>")]
    [Description("Exit with 1 when a finding is at or above SEVERITY: critical, high (default), medium, low, info, or none.")]
    [DefaultValue("high")]
    public string FailOn { get; init; } = "high";

    [CommandOption("-j|--jobs <N>")]
    [Description("Files scanned in parallel. Default: the number of cores.")]
    public int? Jobs { get; init; }

    [CommandOption("-e|--exclude <GLOB>")]
    [Description("Skip paths matching a gitignore-style GLOB (repeatable), e.g. [grey]--exclude 'data/raw/**'[/].")]
    public string[] Excludes { get; init; } = [];

    [CommandOption("-c|--config <FILE>")]
    [Description("Read excludes, severity overrides, suppressions and allowed pickle globals from FILE (atlasguard.yaml). "
        + "A configuration inside the scanned tree is never read on its own.")]
    public string? Config { get; init; }

    [CommandOption("--baseline <FILE>")]
    [Description("Report only findings that are not in FILE, a JSON report of an earlier scan.")]
    public string? Baseline { get; init; }

    [CommandOption("--no-gitignore")]
    [Description("Also scan source files that .gitignore excludes (model artifacts are always scanned).")]
    public bool NoGitIgnore { get; init; }

    [CommandOption("--max-file-size <SIZE>")]
    [Description("Skip files larger than SIZE (e.g. 500MB, 64GiB) with a finding. Default: 64GiB.")]
    public string? MaxFileSize { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Time limit per file, members included. Default: 300.")]
    public int? TimeoutSeconds { get; init; }

    [CommandOption("--max-archive-depth <N>")]
    [Description("How deep archives inside archives are opened. Default: 4.")]
    public int? MaxArchiveDepth { get; init; }

    [CommandOption("--no-progress")]
    [Description("Do not show a progress bar.")]
    public bool NoProgress { get; init; }

    [CommandOption("--atlas-data <FILE>")]
    [Description("Take ATLAS technique and tactic names for the reports from FILE, an official MITRE ATLAS release (ATLAS.yaml). "
        + "Default: the release [green]atlas update[/] cached, if any, else the facts AtlasGuard ships; [green]embedded[/] forces those.")]
    public string? AtlasData { get; init; }

    public override ValidationResult Validate()
    {
        if (!ReportFormats.IsKnown(Format))
        {
            return ValidationResult.Error($"Unknown format '{Format}'. Use one of: {string.Join(", ", ReportFormats.Names)}.");
        }

        if (!NavigatorScoreNames.TryParse(NavigatorScore, out _))
        {
            return ValidationResult.Error($"Unknown score '{NavigatorScore}' for --navigator-score. Use count or severity.");
        }

        if (!FailOn.Equals("none", StringComparison.OrdinalIgnoreCase) && !SeverityNames.TryParse(FailOn, out _))
        {
            return ValidationResult.Error($"Unknown severity '{FailOn}' for --fail-on. Use critical, high, medium, low, info or none.");
        }

        if (Jobs is < 1 or > 256)
        {
            return ValidationResult.Error("--jobs must be between 1 and 256.");
        }

        if (MaxFileSize is not null && !ByteSize.TryParse(MaxFileSize, out _))
        {
            return ValidationResult.Error($"'{MaxFileSize}' is not a size. Examples: 500MB, 64GiB, 1048576.");
        }

        if (TimeoutSeconds is < 1)
        {
            return ValidationResult.Error("--timeout must be at least 1 second.");
        }

        if (MaxArchiveDepth is < 0 or > 64)
        {
            return ValidationResult.Error("--max-archive-depth must be between 0 and 64.");
        }

        foreach (var p in Paths)
        {
            if (!File.Exists(p) && !Directory.Exists(p))
            {
                return ValidationResult.Error($"Path not found: {p}");
            }
        }

        return ValidationResult.Success();
    }

    /// <summary>The --fail-on threshold; null when "none".</summary>
    public Severity? FailOnSeverity => SeverityNames.TryParse(FailOn, out var s) ? s : null;
}
