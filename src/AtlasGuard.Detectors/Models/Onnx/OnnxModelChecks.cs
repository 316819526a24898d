using System.Globalization;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.Onnx;

namespace AtlasGuard.Detectors.Models.Onnx;

/// <summary>Checks over the model as a whole: custom operator domains and tensor sizes.</summary>
internal static class OnnxModelChecks
{
    private const int MaxListed = 10;
    private const int MaxSizeReports = 20;

    // Anything beyond a petabyte of elements is not a real tensor.
    private const long AbsurdBytes = 1L << 50;

    private static readonly HashSet<string> StandardDomains = new(StringComparer.Ordinal)
    {
        "", "ai.onnx", "ai.onnx.ml", "ai.onnx.preview", "ai.onnx.preview.training", "ai.onnx.training",
        "com.microsoft", "com.microsoft.nchwc", "com.microsoft.mlfeaturizers", "com.microsoft.experimental",
        "com.microsoft.dml", "com.ms.internal.nhwc",
    };

    public static void ReportCustomDomains(OnnxModel model, ArtifactLocation location, IFindingSink sink)
    {
        var functions = model.Functions.Select(f => (f.Domain, f.Name)).ToHashSet();
        var custom = model.Operators
            .Where(u => !StandardDomains.Contains(u.Domain) && !functions.Contains((u.Domain, u.OpType)))
            .GroupBy(u => u.Domain, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in custom)
        {
            var ops = group.Select(u => u.OpType).Order(StringComparer.Ordinal).ToList();
            var listed = string.Join(", ", ops.Take(MaxListed)) + (ops.Count > MaxListed ? $" and {ops.Count - MaxListed} more" : string.Empty);
            var first = group.MinBy(u => u.FirstOffset)!;
            sink.Report(OnnxRules.CustomDomain.CreateFinding(location.AtOffset(first.FirstOffset),
                $"Uses {group.Sum(u => u.Count)} node(s) from custom operator domain '{group.Key}' ({listed}), which needs a native custom-op library to run.",
                key: group.Key, evidence: $"domain {group.Key}: {listed}; first in {first.FirstGraphPath}"));
        }
    }

    public static void ReportTensorSizes(OnnxModel model, ArtifactLocation location, IFindingSink sink)
    {
        var reported = 0;
        foreach (var tensor in model.Tensors)
        {
            if (Problem(tensor) is { } problem && reported++ < MaxSizeReports)
            {
                sink.Report(OnnxRules.TensorSizeMismatch.CreateFinding(location.AtOffset(tensor.Offset),
                    $"Tensor '{tensor.Name}' {problem}.", key: tensor.GraphPath + "/" + tensor.Name + "@" + tensor.Offset.ToString(CultureInfo.InvariantCulture),
                    evidence: $"tensor '{tensor.Name}' ({tensor.GraphPath}) dims [{string.Join(", ", tensor.Dims)}] data_type {tensor.DataType}"));
            }
        }
    }

    private static string? Problem(OnnxTensor tensor)
    {
        var count = OnnxDataTypes.ElementCount(tensor.Dims);
        if (count is null)
        {
            return "has negative dims or dims whose product overflows";
        }

        var expected = OnnxDataTypes.RawSize(tensor.DataType, count.Value);
        if (expected is null)
        {
            return tensor.DataType is 8 or 0 || OnnxDataTypes.RawSize(tensor.DataType, 0) is null ? null : "has dims whose size overflows";
        }

        if (expected > AbsurdBytes)
        {
            return $"declares {expected} bytes of data, an impossible size";
        }

        if (tensor.RawDataLength is { } raw && raw != expected)
        {
            return $"declares {expected} bytes of data but raw_data holds {raw}";
        }

        if (tensor.IsExternal && long.TryParse(tensor.External("length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            && length != expected)
        {
            return $"declares {expected} bytes of data but its external data length is {length}";
        }

        return null;
    }
}
