namespace AtlasGuard.Detectors.Services;

/// <summary>TorchServe started by a command or container: management API reach and token authorization.</summary>
internal static class TorchServeChecks
{
    public static bool Check(ServiceLaunch launch, ServiceReporter reporter)
    {
        var disabled = AuthState.Of(launch) is { On: false, Fact: { } fact } ? fact : null;
        if (disabled is not null)
        {
            reporter.Report(ServiceRules.TorchServeTokenAuthDisabled, launch.FlagLine,
                $"TorchServe ({launch.Where}) runs with token authorization disabled ({disabled}): the inference and management APIs take requests from anyone who reaches them.", "token:" + launch.Where, disabled);
        }

        var management = launch.Service.Ports.Where(p => p.Control).Select(p => p.Port);
        if (Reachability.First(launch, management) is { } open)
        {
            ServiceChecks.Exposed(ServiceRules.TorchServeManagementReachable, launch, open.Port, open.Reach, reporter,
                "the management API registers models from URLs, which ShellTorch (CVE-2023-43654) turned into code execution.");
        }

        return true;
    }
}
