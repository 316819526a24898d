using System.Text.Json;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// Files whose only purpose is to hold credentials, recognised by name: <c>kaggle.json</c>, <c>.netrc</c> /
/// <c>_netrc</c>, <c>.databrickscfg</c>, <c>.pypirc</c>, and MLflow's <c>basic_auth.ini</c>. A value that is a
/// placeholder is not a finding.
/// </summary>
internal static class CredentialFileInspector
{
    /// <summary>MLflow's documented default admin password in <c>basic_auth.ini</c>.</summary>
    public const string MlflowDefaultPassword = "password1234";

    public static bool IsCredentialFileName(string name) =>
        name.Equals("kaggle.json", StringComparison.OrdinalIgnoreCase) || name is ".netrc" or "_netrc" or ".databrickscfg" or ".pypirc"
        || name.Equals("basic_auth.ini", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<SecretHit> Inspect(string name, string text, CancellationToken cancellationToken) => name.ToLowerInvariant() switch
    {
        "kaggle.json" => Kaggle(text),
        ".netrc" or "_netrc" => Netrc(text, cancellationToken),
        ".databrickscfg" => Ini(text, ["token", "password", "client_secret"], "Databricks configuration file (.databrickscfg)", cancellationToken),
        ".pypirc" => Ini(text, ["password"], "Python package index configuration (.pypirc)", cancellationToken),
        "basic_auth.ini" => MlflowBasicAuth(text, cancellationToken),
        _ => [],
    };

    private static IEnumerable<SecretHit> Kaggle(string text)
    {
        string? user = null, key = null;
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8, AllowTrailingCommas = true });
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                user = json.RootElement.TryGetProperty("username", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                key = json.RootElement.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing a Kaggle client would read either.
        }

        if (key is null || SecretValues.IsPlaceholder(key) || key.Length < 16)
        {
            return [];
        }

        var at = text.IndexOf(key, StringComparison.Ordinal);
        return at < 0 ? [] :
        [
            new SecretHit(SecretRules.CredentialFile, at, key, "Kaggle API key in kaggle.json", 0, null,
                user is null ? "." : $" for user '{user}'.", "kaggle-json"),
        ];
    }

    private static IEnumerable<SecretHit> Netrc(string text, CancellationToken cancellationToken)
    {
        string? machine = null;
        var words = Words(text).GetEnumerator();
        var count = 0;
        while (words.MoveNext())
        {
            if (++count % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (word, _) = words.Current;
            if (word is "machine" or "default" && (word == "default" || words.MoveNext()))
            {
                machine = word == "default" ? "default" : words.Current.Word;
            }
            else if (word == "password" && words.MoveNext() && !SecretValues.IsPlaceholder(words.Current.Word))
            {
                var service = machine switch
                {
                    "api.wandb.ai" => " (Weights & Biases API key)",
                    "huggingface.co" => " (Hugging Face token)",
                    _ => string.Empty,
                };
                yield return new SecretHit(SecretRules.CredentialFile, words.Current.Start, words.Current.Word, "Password in .netrc", 0, null,
                    $" for machine '{machine ?? "?"}'{service}.", "netrc");
            }
        }
    }

    private static IEnumerable<(string Word, int Start)> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                yield return (text[start..i], start);
            }
        }
    }

    private static IEnumerable<SecretHit> Ini(string text, string[] names, string what, CancellationToken cancellationToken)
    {
        foreach (var e in KeyValueLines.Read(text, cancellationToken))
        {
            if (names.Contains(e.Name, StringComparer.OrdinalIgnoreCase) && !SecretValues.IsPlaceholder(e.Value))
            {
                var section = e.Section.Length == 0 ? string.Empty : $" in section [{e.Section}]";
                yield return new SecretHit(SecretRules.CredentialFile, e.ValueStart, e.Value, $"'{e.Name}' in {what}", 0, null, section + ".", "ini:" + e.Name);
            }
        }
    }

    private static IEnumerable<SecretHit> MlflowBasicAuth(string text, CancellationToken cancellationToken)
    {
        foreach (var e in KeyValueLines.Read(text, cancellationToken))
        {
            if (!e.Name.Equals("admin_password", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (e.Value == MlflowDefaultPassword)
            {
                yield return new SecretHit(SecretRules.MlflowAdminPassword, e.ValueStart, e.Value, "MLflow basic-auth admin password", 0, Severity.Critical,
                    " is MLflow's documented default: anyone who reaches the server logs in as admin.", "mlflow-default");
            }
            else if (!SecretValues.IsPlaceholder(e.Value))
            {
                yield return new SecretHit(SecretRules.MlflowAdminPassword, e.ValueStart, e.Value, "MLflow basic-auth admin password", 0, null,
                    " is committed with the server configuration.", "mlflow-admin");
            }
        }
    }
}
