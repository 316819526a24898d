using AtlasGuard.Cli.Configuration;
using AtlasGuard.Cli.Output;
using AtlasGuard.Core.Atlas.Update;
using AtlasGuard.Core.Configuration;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Detectors;
using AtlasGuard.Reporting.ThreatModel;
using AtlasGuard.ThreatModel.Discovery;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Evidence;
using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Profiles;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli.Commands.ThreatModel;

/// <summary><c>atlasguard threat-model</c>: loads a pipeline model, gathers scan evidence, evaluates and reports; or drafts a model.</summary>
internal sealed class ThreatModelCommand(IAnsiConsole console, TimeProvider time, AtlasCache cache) : AsyncCommand<ThreatModelSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ThreatModelSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Discover is not null)
        {
            return await DiscoverAsync(settings, cancellationToken).ConfigureAwait(false);
        }

        if (AtlasCatalogSource.LoadAndReport(settings.AtlasData, cache) is not { } catalog)
        {
            return ExitCodes.UsageError;
        }

        var profiles = new List<AttackerProfile>();
        foreach (var file in settings.Profiles)
        {
            var loaded = ThreatModelLoader.LoadProfilesFile(file);
            if (PrintDiagnostics(loaded.Diagnostics))
            {
                return ExitCodes.UsageError;
            }

            profiles.AddRange(loaded.Profiles);
        }

        var load = ThreatModelLoader.LoadFile(settings.File!, new ThreatModelLoadOptions { Catalog = catalog, Profiles = profiles });
        if (PrintDiagnostics(load.Diagnostics) || load.Model is not { } model)
        {
            return ExitCodes.UsageError;
        }

        if (model.AttackerProfiles.IsEmpty)
        {
            // Every rule asks who attacks; without profiles nothing can apply, and an empty report would read as safe.
            Errors.Note($"{settings.File} names no attacker profiles, so no threat can apply. Add some under attacker_profiles, "
                + $"for example '- use: {BuiltInProfiles.All[0].Id}' (built-ins: {string.Join(", ", BuiltInProfiles.All.Select(p => p.Id))}).");
        }

        if (await EvidenceAsync(settings, model, cancellationToken).ConfigureAwait(false) is not { } evidence)
        {
            return ExitCodes.UsageError;
        }

        var result = ThreatModelEngine.Evaluate(model, new ThreatEvaluationOptions { Catalog = catalog, Time = time, Evidence = evidence });
        var report = new ThreatModelReport(result, model) { Catalog = catalog };
        await ThreatModelOutput.WriteAsync(console, settings, report, cancellationToken).ConfigureAwait(false);
        return settings.FailOnBand is { } band && result.Threats.Any(t => t.IsOpen && t.Score.ResidualBand >= band)
            ? ExitCodes.Findings
            : ExitCodes.Clean;
    }

    private async Task<ScanEvidence?> EvidenceAsync(ThreatModelSettings settings, PipelineModel model, CancellationToken cancellationToken)
    {
        if (settings.ScanReport is not null)
        {
            try
            {
                return ScanEvidence.Place(model, ScanReportReader.ReadFile(settings.ScanReport));
            }
            catch (ScanReportException e)
            {
                Errors.Print([$"--scan-report {e.Message}"]);
                return null;
            }
        }

        if (settings.Scan is null)
        {
            return ScanEvidence.None;
        }

        if (!Directory.Exists(settings.Scan) && !File.Exists(settings.Scan))
        {
            Errors.Print([$"--scan {settings.Scan}: no such file or folder."]);
            return null;
        }

        var config = AtlasGuardConfig.Empty;
        if (settings.Config is not null)
        {
            var (loaded, errors) = ConfigFileReader.Read(settings.Config);
            if (loaded is null)
            {
                Errors.Print(errors);
                return null;
            }

            config = loaded;
        }

        var engine = new ScanEngine(BuiltInDetectors.CreateSet(new DetectorOptions { AllowedPickleGlobals = config.AllowedPickleGlobals }));
        var request = new ScanRequest { Paths = [settings.Scan], Jobs = Environment.ProcessorCount, Excludes = [.. config.Excludes, .. settings.Excludes] };
        var scan = await engine.ScanAsync(request, progress: null, cancellationToken).ConfigureAwait(false);
        scan = FindingFilter.Apply(scan, config, baseline: null, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return ScanEvidence.Place(model, scan.Findings);
    }

    private async Task<int> DiscoverAsync(ThreatModelSettings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Discover))
        {
            Errors.Print([$"--discover {settings.Discover}: no such folder."]);
            return ExitCodes.UsageError;
        }

        var draft = await PipelineDiscovery.DiscoverAsync(settings.Discover!, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (draft.IsEmpty)
        {
            Errors.Print([$"--discover {settings.Discover}: nothing recognised in {draft.FilesExamined} files; no model drafted."]);
            return ExitCodes.UsageError;
        }

        await ThreatModelOutput.WriteTextAsync(console, settings.Output, draft.Yaml, cancellationToken).ConfigureAwait(false);
        foreach (var note in draft.Notes)
        {
            Errors.Note(note.ToString());
        }

        Errors.Note($"drafted from {draft.FilesExamined} files; {draft.Questions.Length} questions left as TODO in the YAML.");
        return ExitCodes.Clean;
    }

    /// <summary>Prints every diagnostic in compiler form on standard error; true when one is an error.</summary>
    private static bool PrintDiagnostics(IEnumerable<ThreatModelDiagnostic> diagnostics)
    {
        var failed = false;
        foreach (var d in diagnostics)
        {
            Console.Error.WriteLine(d.ToString());
            failed |= d.Severity == DiagnosticSeverity.Error;
        }

        return failed;
    }
}
