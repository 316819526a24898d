namespace AtlasGuard.Detectors.Services;

/// <summary>Ray heads: the dashboard and jobs API (ShadowRay), and the GCS and client ports.</summary>
internal static class RayChecks
{
    public static bool Check(ServiceLaunch launch, ServiceReporter reporter)
    {
        if (IsWorker(launch))
        {
            return true;
        }

        if (launch.Service.DashboardPort is { } dashboard && Reachability.Of(launch, dashboard) is { } reach)
        {
            ServiceChecks.Exposed(ServiceRules.RayDashboardReachable, launch, launch.PortOf(dashboard), reach, reporter,
                "the jobs API runs any command submitted to it on the cluster (ShadowRay, CVE-2023-48022).");
        }

        if (launch.Context == LaunchContext.Host && !launch.HostNetwork)
        {
            return true;
        }

        var others = launch.Service.Ports.Where(p => p.Control && p.Port != launch.Service.DashboardPort).Select(p => p.Port);
        if (Reachability.First(launch, others, listenApplies: false) is { } open)
        {
            ServiceChecks.Exposed(ServiceRules.RayClusterPortsReachable, launch, open.Port, open.Reach, reporter,
                "a Ray client or a rogue node can join the cluster and run code on it.");
        }

        return true;
    }

    // "ray start --address=head:6379" without --head joins a cluster as a worker: it serves no dashboard.
    private static bool IsWorker(ServiceLaunch launch) =>
        launch.Words.Contains("start") && !launch.Words.Contains("--head") && launch.Flag("--address") is not null;
}
