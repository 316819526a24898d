using System.Collections.Immutable;
using System.Globalization;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.Models.Pickle;
using AtlasGuard.Formats.IO;
using AtlasGuard.Formats.Numpy;
using AtlasGuard.Formats.Pickle;

namespace AtlasGuard.Detectors.Models;

/// <summary>
/// NumPy <c>.npy</c> files (also inside <c>.npz</c>): object arrays carry a pickle after the header, which is
/// analysed like any pickle; a damaged header is reported rather than skipped.
/// </summary>
internal sealed class NumpyDetector(PicklePolicy policy, PickleAnalysisOptions options) : IDetector
{
    private readonly PickleReportEvaluator _evaluator = new(policy);

    public string Id => "numpy";

    public ImmutableArray<RuleDescriptor> Rules { get; } = [ModelRules.NumpyObjectArray];

    public bool AppliesToIgnoredFiles => true;

    public bool IsApplicable(ScanTarget target) => target.Kind == ArtifactKind.NumpyArray;

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        await using var stream = target.OpenRead();
        if (!NpyHeaderReader.TryRead(stream, out var header, out var error) || header is null)
        {
            sink.Report(ScanRules.ContentNotFullyRead.CreateFinding(target.Location.AtOffset(error?.Offset ?? 0),
                $"The NumPy header cannot be read: {error?.Message ?? "unknown error"}.", key: "npy-header"));
            return;
        }

        if (!header.HasObjectDtype)
        {
            return;
        }

        sink.Report(ModelRules.NumpyObjectArray.CreateFinding(target.Location,
            $"Object array (dtype {header.Descr}, shape ({string.Join(", ", header.Shape.Select(s => s.ToString(CultureInfo.InvariantCulture)))})) "
            + "stored as a pickle; loading it needs allow_pickle=True.", key: "object-array", evidence: "descr " + header.Descr));

        // The pickle starts right after the header. Offsets in findings stay relative to the .npy file: a seekable
        // stream keeps its absolute position; a forward-only one is shifted by the header length.
        await using var payload = target.OpenRead();
        long baseOffset = 0;
        if (payload.CanSeek)
        {
            payload.Position = header.DataOffset;
        }
        else
        {
            StreamSkip.Skip(payload, header.DataOffset);
            baseOffset = header.DataOffset;
        }

        var report = PickleAnalyzer.AnalyzeFile(payload, options, cancellationToken);
        _evaluator.Evaluate(report, target, sink, baseOffset);
    }
}
