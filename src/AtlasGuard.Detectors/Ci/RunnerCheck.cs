using AtlasGuard.Core.Findings;
using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Detectors.Ci;

/// <summary>
/// AG-CI-008: a self-hosted runner (often the team's GPU box) that runs jobs for pull requests, where a fork's code
/// runs on a machine that keeps state between jobs and sits inside the network; and AG-CI-009: <c>secrets: inherit</c>
/// handing every secret of the repository to a reusable workflow in another repository.
/// </summary>
internal static class RunnerCheck
{
    private static readonly string[] AcceleratorLabels = ["gpu", "cuda", "a100", "h100", "v100", "t4", "l4", "nvidia", "rocm", "tpu"];

    public static void Run(WorkflowScan scan)
    {
        var prTrigger = scan.Workflow.Triggers.FirstOrDefault(t => t.Text is "pull_request" or "pull_request_target" or "issue_comment");
        foreach (var job in scan.Workflow.Jobs)
        {
            scan.CancellationToken.ThrowIfCancellationRequested();
            if (job.SecretsInherit is { } inherit && job.Uses is { } uses && ActionReference.Parse(uses.Text).Kind == ActionReferenceKind.Repository)
            {
                scan.Report(CiRules.SecretsInherited, inherit.Line,
                    $"Job '{job.Id}' passes every secret of the repository to {ActionReference.Parse(uses.Text).Name} (secrets: inherit); pass only the secrets it needs.",
                    $"{job.Id}/secrets", "secrets: inherit");
            }

            if (prTrigger.Text is null)
            {
                continue;
            }

            var selfHosted = job.RunsOn.FirstOrDefault(l => string.Equals(l.Text, "self-hosted", StringComparison.OrdinalIgnoreCase));
            var accelerator = job.RunsOn.FirstOrDefault(l => AcceleratorLabels.Any(a => HasWord(l.Text, a)));
            if (selfHosted.Text is not null)
            {
                var gpu = accelerator.Text is not null ? $" (label '{accelerator.Text}')" : string.Empty;
                scan.Report(CiRules.SelfHostedRunnerOnPullRequests, selfHosted.Line,
                    $"Job '{job.Id}' runs on a self-hosted runner{gpu} for {prTrigger.Text} events: code from a fork's pull request runs on that machine, which keeps state between jobs.",
                    $"{job.Id}/runs-on", "runs-on: " + string.Join(", ", job.RunsOn.Select(l => l.Text)));
            }
            else if (accelerator.Text is not null)
            {
                scan.Report(CiRules.SelfHostedRunnerOnPullRequests, accelerator.Line,
                    $"Job '{job.Id}' runs on a runner labelled '{accelerator.Text}' for {prTrigger.Text} events; if it is a self-hosted GPU machine, fork pull requests run code on it.",
                    $"{job.Id}/runs-on", "runs-on: " + string.Join(", ", job.RunsOn.Select(l => l.Text)), Severity.Medium);
            }
        }
    }

    /// <summary>Whether a label has the word as one of its dash, underscore or dot separated parts (gpu-a100, linux.gpu.t4).</summary>
    private static bool HasWord(string label, string word) =>
        label.Split('-', '_', '.', ' ').Any(part => string.Equals(part, word, StringComparison.OrdinalIgnoreCase));
}
