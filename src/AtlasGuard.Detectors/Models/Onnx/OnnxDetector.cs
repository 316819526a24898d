using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Formats.Onnx;

namespace AtlasGuard.Detectors.Models.Onnx;

/// <summary>
/// ONNX models (.onnx files, and files without the name whose first bytes are a ModelProto's ir_version
/// field): external data that escapes the model folder or goes through links, missing or out-of-range
/// external data, custom operator domains, and tensors whose shape disagrees with their data.
/// </summary>
internal sealed class OnnxDetector(OnnxReadOptions options) : IDetector
{
    public OnnxDetector()
        : this(OnnxReadOptions.Default)
    {
    }

    public string Id => "onnx";

    public ImmutableArray<RuleDescriptor> Rules { get; } = OnnxRules.All;

    public bool AppliesToIgnoredFiles => true;

    // Repositories often hold Git LFS pointers under the model's name; they are text, not a broken model.
    public bool IsApplicable(ScanTarget target) =>
        (NamedOnnx(target) && !target.Head.Span.StartsWith("version https://git-lfs.github.com/spec/"u8))
        || (target.Kind == ArtifactKind.Unknown && OnnxModelReader.LooksLikeModel(target.Head.Span));

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        OnnxModel model;
        string? modelPath;
        var stream = target.OpenRead();
        await using (stream.ConfigureAwait(false))
        {
            // Only a file on disk has a folder to resolve external data against.
            modelPath = target.Depth == 0 && stream is FileStream file ? file.Name : null;
            var input = stream.CanSeek ? stream : new BufferedStream(stream, 64 * 1024);
            model = OnnxModelReader.Read(input, target.Length, options, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        // A file only sniffed as ONNX (no .onnx name) that never reached a graph was probably something else.
        var claimed = NamedOnnx(target) || model.HasGraph;
        var fatal = model.Problems.FirstOrDefault(p => p.IsFatal);
        if (fatal is not null && claimed)
        {
            var at = fatal.Offset is { } offset ? target.Location.AtOffset(offset) : target.Location;
            sink.Report(ScanRules.ContentNotFullyRead.CreateFinding(at,
                $"The file is named or looks like an ONNX model but could not be read as one: {fatal.Message}", key: "onnx:" + fatal.Kind));
        }

        foreach (var limit in model.Problems.Where(p => !p.IsFatal))
        {
            sink.Report(ScanRules.AnalysisBudgetExceeded.CreateFinding(target.Location,
                $"The ONNX model was only partly analysed: {limit.Message}", key: "onnx-limit:" + limit.Message));
        }

        var folder = modelPath is null ? null : Path.GetDirectoryName(modelPath);
        var root = modelPath is null ? null : ScanRoot(modelPath, target.Location.Path) ?? folder;
        new OnnxExternalDataChecker(target.Location, folder, root, sink).Check(model.Tensors);
        OnnxModelChecks.ReportCustomDomains(model, target.Location, sink);
        OnnxModelChecks.ReportTensorSizes(model, target.Location, sink);
    }

    private static bool NamedOnnx(ScanTarget target) => target.Name.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    // The engine gives locations relative to the scan root; the root is what the full path has in front of that.
    private static string? ScanRoot(string fullPath, string relativePath)
    {
        var normalized = fullPath.Replace('\\', '/');
        var relative = relativePath.Replace('\\', '/');
        if (relative.Length == 0 || !normalized.EndsWith("/" + relative, StringComparison.Ordinal))
        {
            return null;
        }

        return fullPath[..(fullPath.Length - relative.Length - 1)];
    }
}
