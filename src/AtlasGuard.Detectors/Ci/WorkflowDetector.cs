using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.SourceFiles;
using AtlasGuard.Formats.GitHubActions;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Detectors.Ci;

/// <summary>
/// GitHub Actions workflows (<c>.github/workflows/*.yml</c>) and action metadata files (<c>action.yml</c>), read with the
/// bounded YAML reader and checked for the CI rules AG-CI-001 to AG-CI-010. A YAML file elsewhere is taken for a
/// workflow when its head has both <c>jobs:</c> and <c>runs-on:</c>, so a workflow scanned on its own is still checked.
/// </summary>
internal sealed class WorkflowDetector : IDetector
{
    /// <summary>The most bytes of one workflow read (GitHub itself rejects far smaller files).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private static readonly YamlReadOptions Options = new() { MaxDocuments = 16 };

    private static readonly Action<WorkflowScan>[] Checks =
    [
        PullRequestHeadCheck.Run, ScriptInjectionCheck.Run, CachePoisoningCheck.Run, UnpinnedActionCheck.Run, PublishTokenCheck.Run,
        PermissionsCheck.Run, PersistedCredentialsCheck.Run, RunnerCheck.Run,
    ];

    public string Id => "github-actions";

    public ImmutableArray<RuleDescriptor> Rules => CiRules.All;

    public bool AppliesToIgnoredFiles => false;

    public bool IsApplicable(ScanTarget target) => target.Kind == ArtifactKind.Unknown && IsYamlName(target.Name)
        && (IsWorkflowPath(target.Location.InnerPath ?? target.Location.Path) || IsActionName(target.Name) || HeadLooksLikeWorkflow(target.Head.Span));

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        var source = await SourceText.ReadAsync(target, cancellationToken, MaxBytes).ConfigureAwait(false);
        if (source.Pieces.Count == 0)
        {
            return;
        }

        var text = source.Pieces[0].Text;
        if (source.Problem is not null)
        {
            sink.Report(CiRules.WorkflowUnreadable.CreateFinding(target.Location, $"{source.Problem} The rest of {target.Name} was not checked.", key: "size"));
        }

        var documents = YamlTreeReader.ReadAll(text, Options, cancellationToken);
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (document.Problems.FirstOrDefault(p => p.Fatal) is { } problem)
            {
                var line = problem.At.Line > 0 ? problem.At.Line + document.LineOffset : 0;
                sink.Report(CiRules.WorkflowUnreadable.CreateFinding(line > 0 ? target.Location.AtLine(line) : target.Location,
                    $"{target.Name} could not be read to its end ({problem.Message}); what was read is checked, the rest is not.", key: "yaml/" + line));
            }

            if (document.Root is null)
            {
                continue;
            }

            var workflow = ActionsWorkflowReader.Read(document, text, cancellationToken);
            if (workflow.Kind is ActionsFileKind.Workflow or ActionsFileKind.CompositeAction)
            {
                var scan = new WorkflowScan(workflow, target, sink, cancellationToken);
                foreach (var check in Checks)
                {
                    check(scan);
                }
            }
        }
    }

    internal static bool IsYamlName(string name) =>
        name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    internal static bool IsWorkflowPath(string path)
    {
        var normalised = path.Replace('\\', '/');
        return normalised.StartsWith(".github/workflows/", StringComparison.OrdinalIgnoreCase)
            || normalised.Contains("/.github/workflows/", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsActionName(string name) =>
        name.Equals("action.yml", StringComparison.OrdinalIgnoreCase) || name.Equals("action.yaml", StringComparison.OrdinalIgnoreCase);

    private static bool HeadLooksLikeWorkflow(ReadOnlySpan<byte> head) =>
        (head.StartsWith("jobs:"u8) || head.IndexOf("\njobs:"u8) >= 0) && head.IndexOf("runs-on:"u8) >= 0;
}
