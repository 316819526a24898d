using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Detectors.Ci;

/// <summary>One workflow or composite action being checked: the model, where it is, and where findings go.</summary>
internal sealed class WorkflowScan(ActionsWorkflow workflow, ScanTarget target, IFindingSink sink, CancellationToken cancellationToken)
{
    /// <summary>Triggers that run with the base repository's secrets and a writable token on input a fork controls.</summary>
    private static readonly string[] PrivilegedTriggers = ["pull_request_target", "workflow_run", "issue_comment"];

    public ActionsWorkflow Workflow { get; } = workflow;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>"workflow" or "composite action", for messages.</summary>
    public string What => Workflow.Kind == ActionsFileKind.CompositeAction ? "composite action" : "workflow";

    /// <summary>The privileged triggers of the workflow (see <see cref="PrivilegedTriggers"/>).</summary>
    public IEnumerable<ActionsValue> Privileged => Workflow.Triggers.Where(t => PrivilegedTriggers.Contains(t.Text, StringComparer.Ordinal));

    /// <summary>Whether the workflow runs for pull requests, including those from forks, in any way.</summary>
    public bool RunsForPullRequests => Workflow.Triggers.Any(t => t.Text is "pull_request" or "pull_request_target" or "issue_comment");

    public void Report(RuleDescriptor rule, int line, string message, string key, string? evidence = null, Severity? severity = null)
    {
        var location = line > 0 ? target.Location.AtLine(line) : target.Location;
        sink.Report(rule.CreateFinding(location, message, key, evidence is null ? null : Short(evidence), severity));
    }

    /// <summary>Evidence cut to one short line.</summary>
    public static string Short(string text)
    {
        var line = text.AsSpan().Trim();
        var newline = line.IndexOfAny('\r', '\n');
        if (newline >= 0)
        {
            line = line[..newline].TrimEnd();
        }

        return line.Length <= 120 ? line.ToString() : string.Concat(line[..117], "...");
    }
}
