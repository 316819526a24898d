using AtlasGuard.Core.Findings;
using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Detectors.Ci;

/// <summary>
/// AG-CI-004: an action or reusable workflow referenced by a tag or branch instead of a full commit SHA, or a
/// <c>docker://</c> image without a digest. Tags and branches move: whoever controls the action's repository (or steals
/// its maintainer's token, as with tj-actions/changed-files in 2025) changes the code every user runs. GitHub's own
/// <c>actions/*</c> and <c>github/*</c> are reported at low severity.
/// </summary>
internal static class UnpinnedActionCheck
{
    private static readonly string[] FirstPartyOwners = ["actions", "github"];

    public static void Run(WorkflowScan scan)
    {
        foreach (var job in scan.Workflow.Jobs)
        {
            scan.CancellationToken.ThrowIfCancellationRequested();
            if (job.Uses is { } workflow)
            {
                Check(scan, workflow, $"job '{job.Id}'", $"{job.Id}/uses");
            }

            foreach (var step in job.Steps)
            {
                if (step.Uses is { } uses)
                {
                    Check(scan, uses, $"step {ScriptInjectionCheck.StepName(step)} of job '{job.Id}'", $"{job.Id}/{step.Index}");
                }
            }
        }
    }

    private static void Check(WorkflowScan scan, ActionsValue uses, string where, string key)
    {
        var reference = ActionReference.Parse(uses.Text);
        if (reference.Kind is ActionReferenceKind.Local or ActionReferenceKind.Other || reference.IsPinned)
        {
            return;
        }

        if (reference.Kind == ActionReferenceKind.Docker)
        {
            scan.Report(CiRules.ActionNotPinned, uses.Line,
                $"{Capitalise(where)} runs the image {reference.Name} by tag; pin it by digest (docker://image@sha256:...).", key, uses.Text);
            return;
        }

        var firstParty = FirstPartyOwners.Contains(reference.Owner, StringComparer.Ordinal);
        var pointer = reference.Ref is null ? "no ref at all" : $"'{reference.Ref}', a tag or branch that can be moved";
        scan.Report(CiRules.ActionNotPinned, uses.Line,
            $"{Capitalise(where)} uses {reference.Name} at {pointer}; pin it to a full 40-character commit SHA (with the tag in a comment).",
            key, uses.Text, firstParty ? Severity.Low : null);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
