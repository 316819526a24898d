using System.Text.Json.Nodes;
using AtlasGuard.Core.Findings;
using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Detectors.Ci;

/// <summary>
/// AG-CI-006: the job token can do more than the job needs. <c>write-all</c> anywhere; no <c>permissions</c> at all in a
/// workflow started by events outsiders trigger (the token then has the repository's default, often read-write);
/// <c>contents: write</c> in a workflow that runs for pull requests.
/// </summary>
internal static class PermissionsCheck
{
    private static readonly string[] OutsiderTriggers =
        ["pull_request_target", "workflow_run", "issue_comment", "issues", "discussion", "discussion_comment", "pull_request_review_comment"];

    public static void Run(WorkflowScan scan)
    {
        var workflow = scan.Workflow;
        if (workflow.Kind != ActionsFileKind.Workflow)
        {
            return;
        }

        CheckValue(scan, workflow.Permissions, workflow.PermissionsLine, "the workflow", "permissions");
        foreach (var job in workflow.Jobs)
        {
            CheckValue(scan, job.Permissions, job.PermissionsLine, $"job '{job.Id}'", $"{job.Id}/permissions");
        }

        var outsider = workflow.Triggers.FirstOrDefault(t => OutsiderTriggers.Contains(t.Text, StringComparer.Ordinal));
        if (!workflow.HasPermissions && outsider.Text is not null && workflow.Jobs.FirstOrDefault(j => !j.HasPermissions && j.Uses is null) is { } open)
        {
            scan.Report(CiRules.BroadPermissions, outsider.Line,
                $"The workflow runs on {outsider.Text} and sets no permissions, so job '{open.Id}' gets the repository's default token, often able to write.",
                "missing", "no permissions: on " + outsider.Text, Severity.Medium);
        }
    }

    private static void CheckValue(WorkflowScan scan, JsonNode? permissions, int line, string who, string key)
    {
        if (permissions is JsonValue && ActionsWorkflowReader.ScalarText(permissions) is { } text)
        {
            if (string.Equals(text.Trim(), "write-all", StringComparison.OrdinalIgnoreCase))
            {
                scan.Report(CiRules.BroadPermissions, line, $"{Capital(who)} gives its token write-all: write access to every scope of the repository.", key, "permissions: write-all");
            }

            return;
        }

        if (permissions is JsonObject map && scan.RunsForPullRequests
            && ActionsWorkflowReader.ScalarText(map["contents"]) is { } contents && string.Equals(contents.Trim(), "write", StringComparison.OrdinalIgnoreCase))
        {
            scan.Report(CiRules.BroadPermissions, line,
                $"{Capital(who)} runs for pull requests with contents: write; code or text from the pull request can push to the repository through the token.",
                key + "/contents", "contents: write", Severity.Medium);
        }
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
