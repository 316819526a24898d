using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Services;

/// <summary>Runs the checks of a launched service's product, then the ones every product shares.</summary>
internal static class ServiceChecks
{
    public static void Check(ServiceLaunch launch, ServiceReporter reporter)
    {
        var handled = launch.Service.Id switch
        {
            "ray" => RayChecks.Check(launch, reporter),
            "mlflow" => MlflowChecks.Check(launch, reporter),
            "jupyter" => JupyterChecks.Check(launch, reporter),
            "torchserve" => TorchServeChecks.Check(launch, reporter),
            "triton" or "ollama" or "vllm" => ServingChecks.Check(launch, reporter),
            "tensorboard" or "gradio" or "streamlit" => AppChecks.Check(launch, reporter),
            "argo-workflows" or "label-studio" or "clearml" or "h2o" or "airflow" => PlatformChecks.Check(launch, reporter),
            _ => false,
        };

        if (launch.Flag("--trust-remote-code") is { } trust && trust != "false")
        {
            reporter.Report(ServiceRules.TrustRemoteCode, launch.FlagLine,
                $"{launch.Service.Name} ({launch.Where}) is started with --trust-remote-code: Python files shipped with the model run inside the server.",
                "trust-remote-code:" + launch.Where, "--trust-remote-code");
        }

        if (!handled)
        {
            Generic(launch, reporter);
        }
    }

    /// <summary>
    /// Reports <paramref name="rule"/> for a reachable port, or the informational rule when authentication is on
    /// (from the product's settings or in front of it).
    /// </summary>
    public static void Exposed(RuleDescriptor rule, ServiceLaunch launch, int port, Reach reach, ServiceReporter reporter, string risk, Severity? severity = null)
    {
        var auth = AuthState.Of(launch);
        var role = launch.Service.Ports.FirstOrDefault(p => launch.PortOf(p.Port) == port)?.Role;
        var what = $"{launch.Service.Name} ({(role is null ? string.Empty : role + ", ")}port {port}) of {launch.Where}";
        if (auth.On)
        {
            reporter.Report(ServiceRules.ReachableWithAuthentication, reach.Line,
                $"{what} is reachable from other machines ({reach.How}); authentication is configured ({auth.Fact ?? "product default"}).",
                $"auth:{launch.Where}:{port}", reach.How);
            return;
        }

        var why = auth.Fact is null ? "no authentication is configured" : $"authentication is off ({auth.Fact})";
        reporter.Report(rule, reach.Line, $"{what} is reachable from other machines ({reach.How}) and {why}: {risk}", $"{launch.Where}:{port}", reach.How, severity);
    }

    private static void Generic(ServiceLaunch launch, ServiceReporter reporter)
    {
        if (Reachability.First(launch, launch.Service.Ports.Select(p => p.Port)) is not { } open)
        {
            return;
        }

        Exposed(ServiceRules.OtherServiceReachable, launch, open.Port, open.Reach, reporter,
            "anyone who can reach the port can use it; bind it to 127.0.0.1 or put authentication in front.");
    }
}
