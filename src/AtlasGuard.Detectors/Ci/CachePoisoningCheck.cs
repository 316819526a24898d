using AtlasGuard.Core.Findings;
using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Detectors.Ci;

/// <summary>
/// AG-CI-003: a release or publish workflow that restores a GitHub Actions cache. Caches are shared across workflows of
/// a repository, and a workflow that runs attacker-influenced code can write entries a release later restores; the
/// Ultralytics attacker used exactly this to get a miner into wheels built from clean source. Also reported: a
/// <c>pull_request_target</c> job that writes a cache.
/// </summary>
internal static class CachePoisoningCheck
{
    private static readonly string[] CacheActions = ["actions/cache", "actions/cache/restore"];

    public static void Run(WorkflowScan scan)
    {
        var release = PublishSteps.IsReleaseWorkflow(scan.Workflow);
        var prTarget = scan.Workflow.HasTrigger("pull_request_target");
        if (!release && !prTarget)
        {
            return;
        }

        foreach (var job in scan.Workflow.Jobs)
        {
            scan.CancellationToken.ThrowIfCancellationRequested();
            var publishes = job.Steps.Any(PublishSteps.Publishes);
            foreach (var step in job.Steps)
            {
                if (CacheUse(step) is not { } evidence)
                {
                    continue;
                }

                if (release)
                {
                    var message = publishes
                        ? $"Job '{job.Id}' publishes and restores a cache ({evidence}); a cache entry written by another workflow becomes part of what is released."
                        : $"Job '{job.Id}' of a release workflow restores a cache ({evidence}); what it builds may reach the release.";
                    scan.Report(CiRules.CacheInPublishWorkflow, step.Line, message, $"{job.Id}/{step.Index}", evidence, publishes ? null : Severity.Medium);
                }
                else
                {
                    scan.Report(CiRules.CacheInPublishWorkflow, step.Line,
                        $"Job '{job.Id}' runs on pull_request_target and uses a cache ({evidence}); entries it saves are shared with the base branch's workflows.",
                        $"{job.Id}/{step.Index}", evidence, Severity.Medium);
                }
            }
        }
    }

    /// <summary>What cache a step uses, or null: actions/cache, or a setup action's cache input.</summary>
    private static string? CacheUse(ActionsStep step)
    {
        var name = step.ActionName;
        if (name is null)
        {
            return null;
        }

        if (CacheActions.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        if (step.Input("cache") is { } cache && !IsOff(cache.Text))
        {
            return $"{name} cache: {WorkflowScan.Short(cache.Text)}";
        }

        return step.Input("enable-cache") is { } enable && !IsOff(enable.Text) ? $"{name} enable-cache: {WorkflowScan.Short(enable.Text)}" : null;
    }

    private static bool IsOff(string value) => value.Trim() is "" or "false" or "False" or "'false'";
}
