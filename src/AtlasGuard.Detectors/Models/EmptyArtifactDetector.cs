using System.Collections.Frozen;
using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;

namespace AtlasGuard.Detectors.Models;

/// <summary>
/// A zero-byte file named like a model artifact: its loader will fail, and an artifact replaced by an empty
/// file (a truncated download, a tampered release) deserves a look rather than silence.
/// </summary>
internal sealed class EmptyArtifactDetector : IDetector
{
    private static readonly FrozenSet<string> ModelExtensions = new[]
    {
        ".pt", ".pth", ".bin", ".ckpt", ".pkl", ".pickle", ".joblib", ".dill", ".sav", ".npy", ".npz", ".safetensors", ".h5",
        ".hdf5", ".keras", ".onnx", ".gguf", ".ggml", ".pb", ".tflite", ".mlmodel", ".model", ".mar", ".msgpack",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public string Id => "empty-artifact";

    public ImmutableArray<RuleDescriptor> Rules => [];

    public bool AppliesToIgnoredFiles => true;

    public bool IsApplicable(ScanTarget target) => target.Kind == ArtifactKind.Empty && ModelExtensions.Contains(Path.GetExtension(target.Name));

    public ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        sink.Report(ScanRules.ContentNotFullyRead.CreateFinding(target.Location,
            $"'{target.Name}' is named like a model artifact but is empty; loading it fails. Check whether it was truncated or replaced.",
            key: "empty"));
        return ValueTask.CompletedTask;
    }
}
