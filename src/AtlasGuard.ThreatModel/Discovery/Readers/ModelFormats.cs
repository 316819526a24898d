using AtlasGuard.Core.Sniffing;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>Maps what the scan engine's sniffer says about a file (plus its extension where bytes cannot tell) to a schema serialization.</summary>
internal static class ModelFormats
{
    /// <summary>Extensions worth sniffing as model files.</summary>
    public static readonly string[] Extensions =
        [".pt", ".pth", ".bin", ".ckpt", ".pkl", ".pickle", ".joblib", ".safetensors", ".onnx", ".gguf", ".h5", ".hdf5", ".keras", ".tflite", ".pb", ".ubj", ".xgb", ".pmml", ".mar"];

    private static readonly string[] Torch = [".pt", ".pth", ".bin", ".ckpt", ".mar"];

    /// <summary>Formats whose loading unpickles (runs code).</summary>
    public static bool IsPickleFamily(string serialization) => serialization is "pickle" or "joblib" or "pytorch";

    /// <summary>The serialization of a file, with how it was told ("content" or "extension"), or null when it is no model file.</summary>
    public static (string Serialization, string How)? FromFile(ArtifactKind kind, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var byContent = kind switch
        {
            ArtifactKind.Pickle when ext == ".joblib" => "joblib",
            ArtifactKind.Pickle when Torch.Contains(ext) => "pytorch",
            ArtifactKind.Pickle => "pickle",
            ArtifactKind.Zip when Torch.Contains(ext) => "pytorch",
            ArtifactKind.Zip when ext == ".keras" => "keras_v3",
            ArtifactKind.Hdf5 => "keras_h5",
            ArtifactKind.Gguf => "gguf",
            ArtifactKind.Safetensors => "safetensors",
            ArtifactKind.TfLite => "other",
            ArtifactKind.Zlib or ArtifactKind.Lzma or ArtifactKind.Gzip or ArtifactKind.Bzip2 or ArtifactKind.Xz when ext == ".joblib" => "joblib",
            _ => null,
        };
        if (byContent is not null)
        {
            return (byContent, "content");
        }

        // Formats without a magic number: the name is all there is, and the note says so.
        var byName = kind == ArtifactKind.Unknown ? ext switch
        {
            ".onnx" => "onnx",
            ".pkl" or ".pickle" => "pickle",
            ".pb" when Path.GetFileName(fileName).StartsWith("saved_model", StringComparison.Ordinal) => "savedmodel",
            ".ubj" or ".xgb" => "xgboost",
            ".pmml" => "pmml",
            _ => null,
        } : null;
        return byName is null ? null : (byName, "extension");
    }

    /// <summary>The serialization a KServe <c>modelFormat.name</c> implies, or null when it does not fix one.</summary>
    public static string? FromKServe(string? format) => format?.ToLowerInvariant() switch
    {
        "pytorch" => "pytorch",
        "onnx" => "onnx",
        "xgboost" => "xgboost",
        "lightgbm" => "lightgbm",
        "tensorflow" => "savedmodel",
        "pmml" => "pmml",
        _ => null,
    };
}
