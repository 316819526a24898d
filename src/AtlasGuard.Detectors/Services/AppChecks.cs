namespace AtlasGuard.Detectors.Services;

/// <summary>Dashboards and demo apps without authentication: TensorBoard, Gradio, Streamlit.</summary>
internal static class AppChecks
{
    public static bool Check(ServiceLaunch launch, ServiceReporter reporter)
    {
        var port = launch.Service.Ports.Select(p => p.Port).FirstOrDefault();
        if (launch.Service.Id == "tensorboard" && launch.Flag("--bind_all") is "true")
        {
            // --bind_all is TensorBoard's own spelling of "all interfaces".
            var reach = launch.Context == LaunchContext.Host || launch.HostNetwork
                ? new Reach("--bind_all listens on all interfaces", launch.FlagLine)
                : Reachability.Of(launch, port);
            Report(launch, port, reach, reporter);
            return true;
        }

        Report(launch, port, Reachability.Of(launch, port), reporter);
        if (launch.Service.Id == "streamlit")
        {
            StreamlitFlags(launch, reporter);
        }

        return true;
    }

    private static void Report(ServiceLaunch launch, int port, Reach? reach, ServiceReporter reporter)
    {
        if (reach is null)
        {
            return;
        }

        var rule = launch.Service.Id == "tensorboard" ? ServiceRules.TensorBoardReachable : ServiceRules.WebAppReachable;
        var risk = launch.Service.Id == "tensorboard"
            ? "TensorBoard has no authentication; its summaries show training data samples, text, paths and hyperparameters."
            : "the app has no authentication of its own; everyone who reaches it can use the model behind it and read what it shows.";
        // A demo app started on a workstation with its default bind is worth knowing, not worth failing a build over.
        ServiceChecks.Exposed(rule, launch, launch.PortOf(port), reach, reporter, risk, reach.ByDefault ? Core.Findings.Severity.Low : null);
    }

    private static void StreamlitFlags(ServiceLaunch launch, ServiceReporter reporter)
    {
        foreach (var name in new[] { "--server.enableCORS", "--server.enableXsrfProtection" })
        {
            if (launch.Flag(name) is { } value && value.Trim('"', '\'').Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                reporter.Report(ServiceRules.StreamlitProtectionOff, launch.FlagLine,
                    $"Streamlit ({launch.Where}) runs with {name}=false: cross-site requests and uploads are accepted from any page.", name, $"{name}=false");
            }
        }
    }
}
