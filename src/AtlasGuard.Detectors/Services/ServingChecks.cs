namespace AtlasGuard.Detectors.Services;

/// <summary>Model servers: Triton's dynamic model control, Ollama's API, vLLM's API key.</summary>
internal static class ServingChecks
{
    public static bool Check(ServiceLaunch launch, ServiceReporter reporter)
    {
        switch (launch.Service.Id)
        {
            case "triton":
                Triton(launch, reporter);
                break;
            case "ollama":
                if (Reachable(launch) is { } ollama)
                {
                    ServiceChecks.Exposed(ServiceRules.OllamaReachable, launch, ollama.Port, ollama.Reach, reporter,
                        "the API has no authentication: anyone can run inference at your cost, pull models from their own registry (Probllama, CVE-2024-37032) and delete yours.");
                }

                break;
            default:
                if (Reachable(launch) is { } vllm)
                {
                    ServiceChecks.Exposed(ServiceRules.VllmWithoutApiKey, launch, vllm.Port, vllm.Reach, reporter,
                        "without --api-key anyone can run inference at your cost, and even with one only the /v1 routes are guarded.");
                }

                break;
        }

        return true;
    }

    private static (int Port, Reach Reach)? Reachable(ServiceLaunch launch) =>
        Reachability.First(launch, launch.Service.Ports.Where(p => p.Control).Select(p => p.Port));

    private static void Triton(ServiceLaunch launch, ServiceReporter reporter)
    {
        var mode = launch.Flag("--model-control-mode") ?? launch.Flag("--model-control");
        if (mode is null || mode.Trim('"', '\'') is not ("explicit" or "poll"))
        {
            ReachableOnly(launch, reporter);
            return;
        }

        var restricted = (launch.Flag("--http-restricted-api") ?? string.Empty).Contains("model-repository", StringComparison.Ordinal)
            && (launch.Flag("--grpc-restricted-protocol") ?? string.Empty).Contains("model-repository", StringComparison.Ordinal);
        if (restricted)
        {
            ReachableOnly(launch, reporter);
            return;
        }

        var reach = Reachable(launch)?.Reach;
        var where = reach is null ? "it is not reachable from other machines here, but any local caller can load models" : $"it is reachable from other machines ({reach.How})";
        reporter.Report(ServiceRules.TritonDynamicModelControl, reach?.Line ?? launch.FlagLine,
            $"Triton ({launch.Where}) loads models on request (--model-control-mode={mode.Trim('"', '\'')}) and the model-repository API is not restricted on both HTTP and gRPC; {where}. Loading a model runs its backend code (CVE-2025-23316, CVE-2023-31036).",
            launch.Where, $"--model-control-mode={mode}", reach is null ? Core.Findings.Severity.Medium : null);
    }

    private static void ReachableOnly(ServiceLaunch launch, ServiceReporter reporter)
    {
        if (Reachable(launch) is { } open)
        {
            ServiceChecks.Exposed(ServiceRules.OtherServiceReachable, launch, open.Port, open.Reach, reporter,
                "Triton has no authentication; put it behind an authenticating gateway.");
        }
    }
}
