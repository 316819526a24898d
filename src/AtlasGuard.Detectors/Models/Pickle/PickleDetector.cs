using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Formats.Pickle;

namespace AtlasGuard.Detectors.Models.Pickle;

/// <summary>
/// Pickle-family files under any name: raw pickles of every protocol (protocol 0 and 1 found by a strict
/// trial parse, since they have no magic), stacked pickles, legacy PyTorch files, joblib files with raw
/// array buffers, and pickles inside PyTorch and TorchScript archives.
/// </summary>
internal sealed class PickleDetector(PicklePolicy policy, PickleAnalysisOptions options) : IDetector
{
    private readonly PickleReportEvaluator _evaluator = new(policy);

    public string Id => "pickle";

    public ImmutableArray<RuleDescriptor> Rules { get; } =
    [
        ModelRules.CallsDangerous, ModelRules.ImportsDangerous, ModelRules.ImportsUnknown, ModelRules.CallsUnresolvable,
        ModelRules.BrokenAfterSuspicious, ModelRules.ParserDifferential,
    ];

    public bool AppliesToIgnoredFiles => true;

    public bool IsApplicable(ScanTarget target) =>
        target.Kind == ArtifactKind.Pickle || (target.Kind == ArtifactKind.Unknown && PickleSniffer.LooksLikePickle(target.Head.Span));

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        await using var stream = target.OpenRead();
        target.Properties.TryGetValue(TargetProperties.Role, out var role);
        var report = role switch
        {
            "pytorch-legacy-storages" => TorchLegacyTar.AnalyzeStorages(stream, options, cancellationToken),
            "pytorch-legacy-tensors" => TorchLegacyTar.AnalyzeTensors(stream, options, cancellationToken),
            _ => PickleAnalyzer.AnalyzeFile(stream, options, cancellationToken),
        };
        cancellationToken.ThrowIfCancellationRequested();
        if (role is null && WasOnlyAGuess(target, report))
        {
            return;
        }

        _evaluator.Evaluate(report, target, sink);
    }

    /// <summary>
    /// A file taken for a protocol 0/1 pickle by its head alone (no PROTO, no pickle-like name) that fails to parse
    /// before it imports, calls or does anything odd (bytes in a string are not odd) was text or data that happened to start like a pickle (a
    /// geodesy grid beginning "NUM_OREC" reads as NONE and a SHORT_BINSTRING). Loading it would fail before running
    /// anything, so there is nothing to report.
    /// </summary>
    private static bool WasOnlyAGuess(ScanTarget target, PickleFileReport report) =>
        target.Kind == ArtifactKind.Unknown && report.Outcome == PickleOutcome.Malformed && !HasPickleName(target.Name)
        && report.AllStreams.All(static s => s.Imports.Count == 0 && s.Calls.Count == 0 && s.PersistentIdCount == 0
            && s.Anomalies.All(static a => a.Kind == PickleAnomalyKind.NonAsciiString));

    private static bool HasPickleName(string name) =>
        Path.GetExtension(name).ToLowerInvariant() is ".pkl" or ".pickle" or ".p" or ".pk" or ".pck" or ".pt" or ".pth" or ".bin"
            or ".ckpt" or ".joblib" or ".dill" or ".sav" or ".data";
}
