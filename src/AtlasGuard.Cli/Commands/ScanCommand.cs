using AtlasGuard.Cli.Configuration;
using AtlasGuard.Cli.Output;
using AtlasGuard.Core.Atlas.Update;
using AtlasGuard.Core.Configuration;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Detectors;
using AtlasGuard.Reporting;
using AtlasGuard.Reporting.Console;
using AtlasGuard.Reporting.Navigator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli.Commands;

/// <summary><c>atlasguard scan</c>: maps options to a scan request, runs it, filters and reports.</summary>
internal sealed class ScanCommand(IAnsiConsole console, TimeProvider time, AtlasCache cache) : AsyncCommand<ScanSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ScanSettings settings, CancellationToken cancellationToken)
    {
        var config = AtlasGuardConfig.Empty;
        if (settings.Config is not null)
        {
            var (loaded, errors) = ConfigFileReader.Read(settings.Config);
            if (loaded is null)
            {
                Errors.Print(errors);
                return ExitCodes.UsageError;
            }

            config = loaded;
        }

        IReadOnlySet<string>? baseline = null;
        if (settings.Baseline is not null)
        {
            (baseline, var error) = BaselineReader.Read(settings.Baseline);
            if (baseline is null)
            {
                Errors.Print([error!]);
                return ExitCodes.UsageError;
            }
        }

        // Without --atlas-data, the id-only formats skip reading a cached release (about 0.3 s).
        var atlasData = settings.AtlasData is null && !ReportFormats.NamesAtlasEntries(settings.Format) ? AtlasCatalogSource.Embedded : settings.AtlasData;
        if (AtlasCatalogSource.LoadAndReport(atlasData, cache) is not { } catalog)
        {
            return ExitCodes.UsageError;
        }

        var paths = settings.Paths.Length == 0 ? ["."] : settings.Paths;
        WarnAboutUnreadConfig(paths, settings.Config);
        var request = new ScanRequest
        {
            Paths = paths,
            Jobs = settings.Jobs ?? Environment.ProcessorCount,
            Excludes = [.. config.Excludes, .. settings.Excludes],
            UseGitIgnore = !settings.NoGitIgnore,
            Limits = Limits(settings),
        };

        var engine = new ScanEngine(BuiltInDetectors.CreateSet(new DetectorOptions { AllowedPickleGlobals = config.AllowedPickleGlobals }));
        var result = await ScanProgressView.RunAsync(console, ShowProgress(settings),
            progress => engine.ScanAsync(request, progress, cancellationToken)).ConfigureAwait(false);
        result = FindingFilter.Apply(result, config, baseline, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

        var reportContext = ReportContext.Default with { Catalog = catalog };
        await WriteReportAsync(settings, result, reportContext, cancellationToken).ConfigureAwait(false);
        return settings.FailOnSeverity is { } threshold && result.Findings.Any(f => f.Severity >= threshold)
            ? ExitCodes.Findings
            : ExitCodes.Clean;
    }

    private static ScanLimits Limits(ScanSettings settings)
    {
        var limits = new ScanLimits();
        if (settings.MaxFileSize is not null && ByteSize.TryParse(settings.MaxFileSize, out var size))
        {
            limits = limits with { MaxFileSize = size };
        }

        if (settings.TimeoutSeconds is { } seconds)
        {
            limits = limits with { PerFileTimeout = TimeSpan.FromSeconds(seconds) };
        }

        if (settings.MaxArchiveDepth is { } depth)
        {
            limits = limits with { MaxArchiveDepth = depth };
        }

        return limits;
    }

    private bool ShowProgress(ScanSettings settings) =>
        !settings.NoProgress && console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected
        && (settings.Output is not null || settings.Format.Equals(ReportFormats.Console, StringComparison.OrdinalIgnoreCase));

    private async Task WriteReportAsync(ScanSettings settings, ScanResult result, ReportContext reportContext, CancellationToken cancellationToken)
    {
        var failOn = settings.FailOnSeverity ?? Core.Findings.Severity.Critical;
        if (settings.Format.Equals(ReportFormats.Console, StringComparison.OrdinalIgnoreCase))
        {
            if (settings.Output is null)
            {
                ConsoleReport.Write(result, console, failOn);
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
            ConsoleReport.Write(result, plain, failOn);
            return;
        }

        var writer = settings.Format.Equals("navigator", StringComparison.OrdinalIgnoreCase)
            && NavigatorScoreNames.TryParse(settings.NavigatorScore, out var score)
            ? ReportWriters.Navigator(score)
            : ReportWriters.All[settings.Format];
        if (settings.Output is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await writer.WriteAsync(result, reportContext, stdout, cancellationToken).ConfigureAwait(false);
            await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            return;
        }

        await using (var stream = File.Create(settings.Output))
        {
            await writer.WriteAsync(result, reportContext, stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WarnAboutUnreadConfig(IEnumerable<string> paths, string? configGiven)
    {
        if (configGiven is not null)
        {
            return;
        }

        foreach (var p in paths)
        {
            var candidate = Path.Combine(p, "atlasguard.yaml");
            if (Directory.Exists(p) && File.Exists(candidate))
            {
                Errors.Note($"{candidate} was not read: configuration inside a scanned tree is only used when named with --config.");
            }
        }
    }
}
