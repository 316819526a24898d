using AtlasGuard.ThreatModel.Discovery.Draft;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>
/// requirements files and pyproject.toml: which ML libraries the code uses and how they are pinned (a hash
/// → digests, an exact version → versions, anything else → none). The weakest pinning wins.
/// </summary>
internal static class PythonDependencyReader
{
    private static readonly string[] MlLibraries =
    [
        "torch", "torchvision", "tensorflow", "keras", "jax", "flax", "scikit-learn", "sklearn", "xgboost", "lightgbm", "catboost",
        "transformers", "datasets", "diffusers", "accelerate", "peft", "trl", "sentence-transformers", "huggingface-hub", "safetensors",
        "onnx", "onnxruntime", "joblib", "mlflow", "ray", "wandb", "langchain", "llama-index", "openai", "anthropic", "vllm", "gradio", "streamlit",
    ];

    public static bool IsRequirements(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        return name.EndsWith(".txt", StringComparison.Ordinal) && (name.Contains("requirements", StringComparison.Ordinal) || name.StartsWith("constraints", StringComparison.Ordinal));
    }

    public static void ReadRequirements(string text, string path, DraftDocument draft)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var hash = line.Contains("--hash", StringComparison.Ordinal) || (i + 1 < lines.Length && lines[i + 1].TrimStart().StartsWith("--hash", StringComparison.Ordinal));
            if (line.StartsWith("--extra-index-url", StringComparison.Ordinal) || line.StartsWith("--index-url", StringComparison.Ordinal))
            {
                draft.Dependencies.Evidence.Add((path, i + 1, $"{line.Split(' ', '=')[0]}: packages may come from another index"));
                continue;
            }

            Add(line.Split('#')[0].TrimEnd('\\', ' '), hash, path, i + 1, draft);
        }
    }

    /// <summary>PEP 621 <c>dependencies = [...]</c> strings and Poetry <c>name = "spec"</c> tables, line by line.</summary>
    public static void ReadPyproject(string text, string path, DraftDocument draft)
    {
        var lines = text.Split('\n');
        var section = string.Empty;
        var inArray = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Split('#')[0].Trim();
            if (line.StartsWith('['))
            {
                section = line;
                inArray = false;
                continue;
            }

            if (line.StartsWith("dependencies", StringComparison.Ordinal) && line.Contains('[', StringComparison.Ordinal))
            {
                inArray = true;
            }

            if (inArray || line.StartsWith("\"", StringComparison.Ordinal))
            {
                foreach (var quoted in Quoted(line))
                {
                    Add(quoted, hash: false, path, i + 1, draft);
                }

                inArray &= !line.Contains(']', StringComparison.Ordinal) || line.EndsWith('[');
            }
            else if (section.Contains("poetry", StringComparison.Ordinal) && section.Contains("dependencies", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                var spec = line[(eq + 1)..].Trim().Trim('"', '\'');
                var exact = spec.Length > 0 && char.IsAsciiDigit(spec[0]) && !spec.Contains('*', StringComparison.Ordinal);
                Add(line[..eq].Trim() + (exact ? "==" + spec : " " + spec), hash: false, path, i + 1, draft);
            }
        }
    }

    private static void Add(string requirement, bool hash, string path, int line, DraftDocument draft)
    {
        var name = Name(requirement);
        if (name is null || !MlLibraries.Contains(name))
        {
            return;
        }

        var exact = requirement.Contains("==", StringComparison.Ordinal) && !requirement.Contains('*', StringComparison.Ordinal);
        var pinning = exact && hash ? "digests" : exact ? "versions" : "none";
        var fact = pinning switch
        {
            "none" => $"{name} not pinned to one version ({requirement.Trim()})",
            "versions" => $"{name} pinned to a version",
            _ => $"{name} pinned by hash",
        };
        draft.Dependencies.Add(name, pinning, path, line, fact);
    }

    private static string? Name(string requirement)
    {
        var r = requirement.Trim();
        if (r.Length == 0 || r[0] is '-' or '.' or '/' || r.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var end = 0;
        while (end < r.Length && (char.IsAsciiLetterOrDigit(r[end]) || r[end] is '-' or '_' or '.'))
        {
            end++;
        }

        return end == 0 ? null : r[..end].ToLowerInvariant().Replace('_', '-');
    }

    private static IEnumerable<string> Quoted(string line)
    {
        var parts = line.Split('"');
        for (var i = 1; i < parts.Length; i += 2)
        {
            yield return parts[i];
        }
    }
}
