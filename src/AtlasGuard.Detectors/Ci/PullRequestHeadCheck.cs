using AtlasGuard.Core.Findings;
using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Detectors.Ci;

/// <summary>
/// AG-CI-001, the "pwn request": a workflow started by <c>pull_request_target</c>, <c>workflow_run</c> or
/// <c>issue_comment</c> runs with the base repository's secrets and a writable token, and a job of it checks out the
/// pull request's code (<c>ref:</c> from the head, <c>refs/pull/N/merge</c>, <c>gh pr checkout</c>). Any later step
/// that builds, installs or tests that code runs the fork author's code with those privileges.
/// </summary>
internal static class PullRequestHeadCheck
{
    private static readonly string[] HeadMarkers =
    [
        "github.event.pull_request.head.sha", "github.event.pull_request.head.ref", "github.event.pull_request.merge_commit_sha",
        "github.event.pull_request.number", "github.head_ref", "github.event.workflow_run.head_sha", "github.event.workflow_run.head_branch",
        "github.event.pull_request.head.repo.full_name", "github.event.workflow_run.head_repository.full_name", "github.event.issue.number",
        "refs/pull/",
    ];

    public static void Run(WorkflowScan scan)
    {
        var trigger = scan.Privileged.FirstOrDefault();
        if (trigger.Text is null)
        {
            return;
        }

        foreach (var job in scan.Workflow.Jobs)
        {
            scan.CancellationToken.ThrowIfCancellationRequested();
            var checkout = job.Steps.FirstOrDefault(ChecksOutPullRequest);
            if (checkout is null)
            {
                continue;
            }

            var runsCode = job.Steps.Any(s => s.Index > checkout.Index && RunsCode(s));
            var evidence = Evidence(checkout);
            var sameRepository = ExcludesForks(job.Condition);
            var message = runsCode
                ? $"On {trigger.Text}, job '{job.Id}' checks out the pull request's code ({evidence}) and later steps run it, with the base repository's secrets and token."
                : $"On {trigger.Text}, job '{job.Id}' checks out the pull request's code ({evidence}); no later step runs it yet, but any build, install or test step added later would.";
            if (sameRepository)
            {
                message += " Its if: condition keeps forks out, so only people with push access can use this; check that the condition holds for every event.";
            }

            scan.Report(CiRules.PullRequestHeadInPrivilegedWorkflow, checkout.Line, message, $"{job.Id}/{checkout.Index}", evidence,
                runsCode && !sameRepository ? null : Severity.Medium);
        }
    }

    /// <summary>Whether a step checks out code of the pull request (or the fork).</summary>
    internal static bool ChecksOutPullRequest(ActionsStep step)
    {
        if (step.ActionName == "actions/checkout")
        {
            return MentionsHead(step.Input("ref")?.Text) || MentionsHead(step.Input("repository")?.Text);
        }

        return step.Run is { } run && (run.Text.Contains("gh pr checkout", StringComparison.Ordinal)
            || (run.Text.Contains("git fetch", StringComparison.Ordinal) && MentionsHead(run.Text))
            || (run.Text.Contains("git checkout", StringComparison.Ordinal) && MentionsHead(run.Text)));
    }

    /// <summary>Whether a step runs code of the workspace: a script, a local action, or any action other than uploads and comments.</summary>
    internal static bool RunsCode(ActionsStep step)
    {
        if (step.Run is not null)
        {
            return true;
        }

        var uses = step.Uses is { } u ? ActionReference.Parse(u.Text) : default;
        return uses.Kind is ActionReferenceKind.Local or ActionReferenceKind.Docker
            || (uses.Kind == ActionReferenceKind.Repository && !PassiveActions.Contains(uses.Name, StringComparer.Ordinal));
    }

    private static readonly string[] PassiveActions =
    [
        "actions/checkout", "actions/upload-artifact", "actions/download-artifact", "actions/github-script", "actions/labeler",
        "actions/stale", "peter-evans/create-or-update-comment", "marocchino/sticky-pull-request-comment",
    ];

    /// <summary>Whether a job condition runs the job only for pull requests from the repository itself, not from forks.</summary>
    private static bool ExcludesForks(string? condition)
    {
        if (condition is null)
        {
            return false;
        }

        var compact = condition.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("${{", string.Empty, StringComparison.Ordinal);
        return compact.Contains("head.repo.full_name==github.repository", StringComparison.OrdinalIgnoreCase)
            || compact.Contains("github.repository==github.event.pull_request.head.repo.full_name", StringComparison.OrdinalIgnoreCase)
            || compact.Contains("head.repo.fork==false", StringComparison.OrdinalIgnoreCase)
            || compact.Contains("!github.event.pull_request.head.repo.fork", StringComparison.OrdinalIgnoreCase);
    }

    private static bool MentionsHead(string? text) =>
        text is not null && HeadMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));

    private static string Evidence(ActionsStep step) => step.ActionName == "actions/checkout"
        ? (step.Input("ref") ?? step.Input("repository"))?.Text is { } r ? "ref: " + WorkflowScan.Short(r) : "actions/checkout"
        : WorkflowScan.Short(step.Run?.Text ?? string.Empty);
}
