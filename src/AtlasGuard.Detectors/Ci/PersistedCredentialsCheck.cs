using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Detectors.Ci;

/// <summary>
/// AG-CI-007: <c>actions/checkout</c> keeps the job's token in <c>.git/config</c> unless told
/// <c>persist-credentials: false</c>. That matters when a later step uploads the workspace (the token ships in the
/// artifact) or, in a privileged workflow, when later steps run code that can read the file.
/// </summary>
internal static class PersistedCredentialsCheck
{
    public static void Run(WorkflowScan scan)
    {
        var privileged = scan.Privileged.Any();
        foreach (var job in scan.Workflow.Jobs)
        {
            scan.CancellationToken.ThrowIfCancellationRequested();
            foreach (var checkout in job.Steps.Where(s => s.ActionName == "actions/checkout" && !DisablesPersistence(s)))
            {
                var later = job.Steps.Where(s => s.Index > checkout.Index).ToList();
                var upload = later.FirstOrDefault(UploadsWorkspace);
                string? reason = upload is not null
                    ? $"step {ScriptInjectionCheck.StepName(upload)} uploads the workspace, .git/config and the token in it included"
                    : privileged && later.Any(PullRequestHeadCheck.RunsCode)
                        ? "this privileged workflow runs later steps that can read .git/config"
                        : null;
                if (reason is null)
                {
                    continue;
                }

                scan.Report(CiRules.PersistedCheckoutCredentials, checkout.Line,
                    $"actions/checkout in job '{job.Id}' leaves the job's token in .git/config (persist-credentials is not false), and {reason}.",
                    $"{job.Id}/{checkout.Index}", "persist-credentials not false");
            }
        }
    }

    private static bool DisablesPersistence(ActionsStep step) =>
        step.Input("persist-credentials") is { } value && string.Equals(value.Text.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    private static bool UploadsWorkspace(ActionsStep step)
    {
        if (step.ActionName != "actions/upload-artifact")
        {
            return false;
        }

        var path = step.Input("path")?.Text;
        if (path is null)
        {
            return false;
        }

        foreach (var raw in path.Split('\n'))
        {
            var line = raw.Trim().Trim('"', '\'').Replace(" ", "", StringComparison.Ordinal).TrimEnd('/');
            if (line is "." or "*" or "**" or "./*" or "./**" or "${{github.workspace}}" or ".git" or "./.git"
                || line.StartsWith(".git/", StringComparison.Ordinal) || line.StartsWith("./.git/", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
