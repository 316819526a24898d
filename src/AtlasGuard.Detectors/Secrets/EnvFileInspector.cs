using System.Collections.Frozen;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// Environment files (<c>.env</c>, <c>.env.local</c>, <c>prod.env</c> ...) and <c>%env NAME=value</c> magics in
/// notebook cells, <c>export</c> lines of shell scripts and <c>ENV</c> lines of Dockerfiles: a variable whose name says it holds a credential (a known ML or cloud variable, or a name ending
/// in _TOKEN, _API_KEY, _SECRET, _PASSWORD ...) with a value that is not a placeholder or a reference. Template
/// files (<c>.env.example</c>, <c>.env.sample</c>, <c>.env.template</c>) are held to the same test, at medium.
/// </summary>
internal static class EnvFileInspector
{
    private static readonly FrozenSet<string> KnownNames = new[]
    {
        "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HUGGINGFACE_TOKEN", "HUGGINGFACEHUB_API_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY",
        "WANDB_API_KEY", "COMET_API_KEY", "NEPTUNE_API_TOKEN", "REPLICATE_API_TOKEN", "GROQ_API_KEY", "TOGETHER_API_KEY", "COHERE_API_KEY",
        "CO_API_KEY", "MISTRAL_API_KEY", "PINECONE_API_KEY", "LANGCHAIN_API_KEY", "LANGSMITH_API_KEY", "KAGGLE_KEY", "KAGGLE_API_TOKEN",
        "DATABRICKS_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AZURE_STORAGE_KEY", "AZURE_STORAGE_CONNECTION_STRING",
        "AZURE_OPENAI_API_KEY", "AZURE_CLIENT_SECRET", "GOOGLE_API_KEY", "GEMINI_API_KEY", "MLFLOW_TRACKING_PASSWORD", "MLFLOW_TRACKING_TOKEN",
        "GITHUB_TOKEN", "GH_TOKEN", "PYPI_TOKEN", "PYPI_API_TOKEN", "TWINE_PASSWORD", "CLEARML_API_SECRET_KEY", "LABEL_STUDIO_API_KEY",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] SecretSuffixes =
        ["_TOKEN", "_API_KEY", "_APIKEY", "_SECRET", "_SECRET_KEY", "_PASSWORD", "_PASSWD", "_ACCESS_KEY", "_PRIVATE_KEY", "_AUTH_TOKEN", "_PAT"];

    private static readonly string[] TemplateMarkers = [".example", ".sample", ".template", ".dist", ".defaults"];

    public static bool IsEnvFileName(string name) =>
        name.Equals(".env", StringComparison.OrdinalIgnoreCase) || name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".env", StringComparison.OrdinalIgnoreCase);

    /// <summary>Secret assignments of an environment file.</summary>
    public static IEnumerable<SecretHit> InspectFile(string name, string text, CancellationToken cancellationToken)
    {
        var template = TemplateMarkers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase));
        return Inspect(text, "", template ? Severity.Medium : null, $"in environment file {name}", cancellationToken);
    }

    /// <summary>Secret assignments of <c>%env</c> magics and shell <c>export</c> lines (<c>%%bash</c>) in a notebook cell.</summary>
    public static IEnumerable<SecretHit> InspectMagics(string text, CancellationToken cancellationToken) =>
        InspectPrefixed(text, "%env ", "set with %env", cancellationToken).Concat(InspectPrefixed(text, "export ", "exported in the cell", cancellationToken));

    /// <summary>Secret assignments of <c>export NAME=value</c> lines in shell scripts and <c>ENV NAME=value</c> in Dockerfiles.</summary>
    public static IEnumerable<SecretHit> InspectScript(string name, string text, CancellationToken cancellationToken)
    {
        if (IsShellName(name))
        {
            return InspectPrefixed(text, "export ", $"exported in {name}", cancellationToken);
        }

        return IsDockerfileName(name) ? InspectPrefixed(text, "ENV ", $"baked into the image by {name}", cancellationToken) : [];
    }

    public static bool IsShellName(string name) =>
        name.EndsWith(".sh", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".bash", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".zsh", StringComparison.OrdinalIgnoreCase) || name is ".bashrc" or ".zshrc" or ".profile" or ".bash_profile";

    public static bool IsDockerfileName(string name) =>
        name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".dockerfile", StringComparison.OrdinalIgnoreCase) || name.Equals("Containerfile", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<SecretHit> InspectPrefixed(string text, string prefix, string where, CancellationToken cancellationToken) =>
        text.Contains(prefix, StringComparison.Ordinal) ? Inspect(text, prefix, null, where, cancellationToken) : [];

    private static IEnumerable<SecretHit> Inspect(string text, string linePrefix, Severity? severity, string where, CancellationToken cancellationToken)
    {
        foreach (var e in KeyValueLines.Read(text, cancellationToken, linePrefix))
        {
            var known = KnownNames.Contains(e.Name);
            if (!known && !SecretSuffixes.Any(s => e.Name.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var value = e.Value;
            if (value.Length < 8 || SecretValues.IsPlaceholder(value) || value.Contains(' ', StringComparison.Ordinal) || LooksLikePathOrUrl(value))
            {
                continue;
            }

            var strong = known || SecretValues.Entropy(value) >= 3.5;
            yield return new SecretHit(SecretRules.EnvSecret, e.ValueStart, value, $"{e.Name} {where}", 0, strong ? severity : Severity.Medium,
                known ? "." : " (the name says it is a credential).", "env:" + e.Name.ToUpperInvariant());
        }
    }

    private static bool LooksLikePathOrUrl(string value) =>
        value[0] is '/' or '.' or '~' || (value.Contains("://", StringComparison.Ordinal) && !value.Contains('@', StringComparison.Ordinal))
        || value.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".pem", StringComparison.OrdinalIgnoreCase);
}
