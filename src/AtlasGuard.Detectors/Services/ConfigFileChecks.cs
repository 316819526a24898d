using AtlasGuard.Core.Findings;
using AtlasGuard.Formats.Config;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// Services' own settings files: TorchServe <c>config.properties</c> (listen addresses, token authorization,
/// <c>allowed_urls</c>), Streamlit <c>.streamlit/config.toml</c> (CORS and XSRF protection) and <c>airflow.cfg</c>
/// (configuration exposed in the UI, API auth backend).
/// </summary>
internal static class ConfigFileChecks
{
    public static void TorchServe(IReadOnlyList<KeyValueEntry> entries, ServiceReporter reporter)
    {
        foreach (var entry in entries)
        {
            var key = entry.Key.ToLowerInvariant();
            var value = entry.Value.Trim();
            switch (key)
            {
                case "management_address" or "grpc_management_address" when Reachability.IsAllInterfaces(value):
                    reporter.Report(ServiceRules.TorchServeManagementReachable, entry.Line,
                        $"TorchServe's management API listens on all interfaces ({entry.Key}={value}): whoever reaches it registers models from URLs, which ShellTorch (CVE-2023-43654) turned into code execution.",
                        key, $"{entry.Key}={value}");
                    break;
                case "inference_address" or "metrics_address" or "grpc_inference_address" when Reachability.IsAllInterfaces(value):
                    reporter.Report(ServiceRules.OtherServiceReachable, entry.Line,
                        $"TorchServe's {key.Replace("_address", string.Empty, StringComparison.Ordinal)} API listens on all interfaces ({entry.Key}={value}); make sure something authenticates callers in front of it.",
                        key, $"{entry.Key}={value}", Severity.Low);
                    break;
                case "disable_token_authorization" when value.Equals("true", StringComparison.OrdinalIgnoreCase):
                    reporter.Report(ServiceRules.TorchServeTokenAuthDisabled, entry.Line,
                        "TorchServe token authorization is disabled (disable_token_authorization=true): the inference and management APIs take requests from anyone who reaches them.",
                        key, "disable_token_authorization=true");
                    break;
                case "allowed_urls" when PermissiveUrls(value):
                    reporter.Report(ServiceRules.TorchServePermissiveAllowedUrls, entry.Line,
                        $"TorchServe may download model archives from any URL (allowed_urls={ServiceReporter.Evidence(value)}): the ShellTorch SSRF (CVE-2023-43654) used exactly this to fetch an attacker's model.",
                        key, $"allowed_urls={value}");
                    break;
            }
        }
    }

    public static void Streamlit(IReadOnlyList<KeyValueEntry> entries, ServiceReporter reporter)
    {
        foreach (var entry in entries.Where(e => e.Section == "server" && e.Key is "enableCORS" or "enableXsrfProtection"))
        {
            if (entry.Value.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                reporter.Report(ServiceRules.StreamlitProtectionOff, entry.Line,
                    $"Streamlit runs with server.{entry.Key} = false: cross-site requests and uploads are accepted from any page.", entry.Key, $"{entry.Key} = false");
            }
        }
    }

    public static void Airflow(IReadOnlyList<KeyValueEntry> entries, ServiceReporter reporter)
    {
        foreach (var entry in entries)
        {
            if (entry.Section == "webserver" && entry.Key == "expose_config" && entry.Value.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                reporter.Report(ServiceRules.AirflowExposesConfig, entry.Line,
                    "airflow.cfg shows the full configuration, secrets included, in the web UI (expose_config = True).", "expose_config", "expose_config = True");
            }
            else if (entry.Section == "api" && entry.Key is "auth_backends" or "auth_backend" && entry.Value.Contains("airflow.api.auth.backend.default", StringComparison.Ordinal))
            {
                reporter.Report(ServiceRules.AirflowApiWithoutAuthentication, entry.Line,
                    "airflow.cfg serves the REST API through the 'default' auth backend, which lets every request in: anyone who reaches it can trigger DAGs and read connections.",
                    "auth_backends", entry.Key + " = airflow.api.auth.backend.default");
            }
        }
    }

    // ".*", "http(s)?://.*", "file://.*" and the like: patterns that accept any host.
    private static bool PermissiveUrls(string value) =>
        value.Split(',').Any(p =>
        {
            var pattern = p.Trim();
            var scheme = pattern.IndexOf("://", StringComparison.Ordinal);
            var host = scheme < 0 ? pattern : pattern[(scheme + 3)..];
            return host.StartsWith(".*", StringComparison.Ordinal) || host.StartsWith(".+", StringComparison.Ordinal) || host == "*";
        });
}
