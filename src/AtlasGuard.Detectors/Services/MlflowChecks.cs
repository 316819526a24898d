namespace AtlasGuard.Detectors.Services;

/// <summary>MLflow tracking servers: authentication, and the host and origin checks of its security middleware.</summary>
internal static class MlflowChecks
{
    private static readonly (string Name, bool Env)[] Permissive =
    [
        ("--allowed-hosts", false), ("--cors-allowed-origins", false), ("MLFLOW_SERVER_ALLOWED_HOSTS", true), ("MLFLOW_SERVER_CORS_ALLOWED_ORIGINS", true),
    ];

    public static bool Check(ServiceLaunch launch, ServiceReporter reporter)
    {
        if (launch.Service.DashboardPort is { } port && Reachability.Of(launch, port) is { } reach)
        {
            ServiceChecks.Exposed(ServiceRules.MlflowWithoutAuthentication, launch, launch.PortOf(port), reach, reporter,
                "anyone who reaches it can read and overwrite experiments, models and artifacts, and MLflow's file-serving endpoints have a history of path traversal (CVE-2023-1177, CVE-2024-2928).");
        }

        foreach (var (name, env) in Permissive)
        {
            var value = env ? launch.EnvValue(name) : launch.Flag(name);
            if (value is not null && value.Split(',').Any(v => v.Trim().Trim('"', '\'') == "*"))
            {
                reporter.Report(ServiceRules.MlflowPermissiveOrigins, env ? launch.EnvLine(name) : launch.FlagLine,
                    $"MLflow ({launch.Where}) accepts any {(name.Contains("CORS", StringComparison.OrdinalIgnoreCase) || name.Contains("cors", StringComparison.Ordinal) ? "cross-origin caller" : "Host header")} ({name}=*): a web page the user visits can drive the tracking server.",
                    name, $"{name}=*");
            }
        }

        var disabled = launch.Flag("--disable-security-middleware") is { } flag && flag != "false";
        var envDisabled = launch.EnvValue("MLFLOW_SERVER_DISABLE_SECURITY_MIDDLEWARE") is { } e && e.Equals("true", StringComparison.OrdinalIgnoreCase);
        if (disabled || envDisabled)
        {
            reporter.Report(ServiceRules.MlflowPermissiveOrigins, disabled ? launch.FlagLine : launch.EnvLine("MLFLOW_SERVER_DISABLE_SECURITY_MIDDLEWARE"),
                $"MLflow ({launch.Where}) runs with its host and origin checks switched off: DNS rebinding and cross-site requests reach the API.",
                "middleware", disabled ? "--disable-security-middleware" : "MLFLOW_SERVER_DISABLE_SECURITY_MIDDLEWARE=true");
        }

        return true;
    }
}
