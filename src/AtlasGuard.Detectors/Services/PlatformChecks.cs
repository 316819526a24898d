using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Services;

/// <summary>Platforms with accounts or an auth mode of their own: Argo, Label Studio, ClearML, H2O, Airflow.</summary>
internal static class PlatformChecks
{
    private static readonly string[] AirflowDefaultPasswords = ["airflow", "admin", "password"];

    public static bool Check(ServiceLaunch launch, ServiceReporter reporter)
    {
        var control = launch.Service.Ports.Where(p => p.Control).Select(p => p.Port).ToList();
        var open = Reachability.First(launch, control.Count > 0 ? control : launch.Service.Ports.Select(p => p.Port));
        switch (launch.Service.Id)
        {
            case "argo-workflows":
                Argo(launch, open, reporter);
                break;
            case "label-studio":
                var signup = launch.EnvValue("LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK");
                if (open is { } ls && !string.Equals(signup, "true", StringComparison.OrdinalIgnoreCase) && signup != "1")
                {
                    reporter.Report(ServiceRules.LabelStudioOpenSignup, ls.Reach.Line,
                        $"Label Studio ({launch.Where}) is reachable from other machines ({ls.Reach.How}) and LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK is not true: anyone can create an account and read or change the labels.",
                        launch.Where, "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK unset");
                }

                break;
            case "clearml":
                if (open is { } cm)
                {
                    ServiceChecks.Exposed(ServiceRules.ClearMlServerReachable, launch, cm.Port, cm.Reach, reporter,
                        "the file server has no authentication at all (CVE-2024-24592) and serves every stored artifact and model.");
                }

                break;
            case "h2o":
                if (open is { } h2o)
                {
                    ServiceChecks.Exposed(ServiceRules.H2oReachable, launch, h2o.Port, h2o.Reach, reporter,
                        "H2O has no login unless started with one, and its API imports files and models, which gives code execution.");
                }

                break;
            default:
                Airflow(launch, reporter);
                break;
        }

        return true;
    }

    private static void Argo(ServiceLaunch launch, (int Port, Reach Reach)? open, ServiceReporter reporter)
    {
        var modes = launch.Words.Select((w, i) => w.StartsWith("--auth-mode=", StringComparison.Ordinal) ? w["--auth-mode=".Length..] : w == "--auth-mode" && i + 1 < launch.Words.Count ? launch.Words[i + 1] : null)
            .OfType<string>().SelectMany(m => m.Split(',')).Select(m => m.Trim('"', '\'', ' ')).ToList();
        if (!modes.Contains("server"))
        {
            return;
        }

        var where = open is { } o ? $"and is reachable from other machines ({o.Reach.How})" : "behind whatever routes to it";
        reporter.Report(ServiceRules.ArgoServerAuthModeServer, open?.Reach.Line ?? launch.FlagLine,
            $"argo server ({launch.Where}) runs with --auth-mode=server {where}: every caller acts with the server's own service account and can submit workflows that run any container.",
            launch.Where, "--auth-mode=server", open is null ? Severity.High : null);
    }

    private static void Airflow(ServiceLaunch launch, ServiceReporter reporter)
    {
        if (launch.Env.ContainsKey("_AIRFLOW_WWW_USER_PASSWORD"))
        {
            var raw = launch.Env["_AIRFLOW_WWW_USER_PASSWORD"].Value ?? string.Empty;
            var value = ComposeValue(raw);
            if (AirflowDefaultPasswords.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                reporter.Report(ServiceRules.AirflowDefaultAdminPassword, launch.EnvLine("_AIRFLOW_WWW_USER_PASSWORD"),
                    $"Airflow ({launch.Where}) creates its admin account with the well-known password '{value}': whoever reaches the web UI logs in as admin and reads every connection's credentials.",
                    "airflow-password", "_AIRFLOW_WWW_USER_PASSWORD=" + value, oncePerFile: true);
            }
        }

        if (launch.EnvValue("AIRFLOW__API__AUTH_BACKENDS") is { } backends && backends.Contains("airflow.api.auth.backend.default", StringComparison.Ordinal))
        {
            reporter.Report(ServiceRules.AirflowApiWithoutAuthentication, launch.EnvLine("AIRFLOW__API__AUTH_BACKENDS"),
                $"Airflow ({launch.Where}) serves its REST API through the 'default' auth backend, which lets every request in: anyone who reaches it can trigger DAGs and read connections.",
                "airflow-api", "AIRFLOW__API__AUTH_BACKENDS=airflow.api.auth.backend.default", oncePerFile: true);
        }

        if (launch.EnvValue("AIRFLOW__WEBSERVER__EXPOSE_CONFIG") is { } expose && expose.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            reporter.Report(ServiceRules.AirflowExposesConfig, launch.EnvLine("AIRFLOW__WEBSERVER__EXPOSE_CONFIG"),
                $"Airflow ({launch.Where}) shows its full configuration, secrets included, in the web UI (AIRFLOW__WEBSERVER__EXPOSE_CONFIG=true).",
                "airflow-expose-config", "AIRFLOW__WEBSERVER__EXPOSE_CONFIG=true", oncePerFile: true);
        }
    }

    /// <summary>A compose value with <c>${NAME:-default}</c> read as its default.</summary>
    private static string ComposeValue(string raw) => Formats.Compose.ComposeInterpolation.DefaultOf(raw.Trim().Trim('"', '\''));
}
