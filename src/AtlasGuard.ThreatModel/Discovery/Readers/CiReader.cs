using System.Text.Json.Nodes;
using AtlasGuard.Formats.GitHubActions;
using AtlasGuard.Formats.Yaml;
using AtlasGuard.ThreatModel.Discovery.Draft;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>
/// CI definitions: GitHub Actions workflows become one <c>github-actions</c> cicd component (pinning of
/// <c>uses:</c>, privileged triggers, secrets, provenance), <c>.gitlab-ci.yml</c> a <c>gitlab-ci</c> one.
/// </summary>
internal static class CiReader
{
    private static readonly string[] Order = ["none", "versions", "digests"];

    public static bool IsGitHubWorkflow(string path) =>
        path.StartsWith(".github/workflows/", StringComparison.Ordinal) && (path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal));

    public static bool IsGitLab(string path) => path == ".gitlab-ci.yml";

    public static void ReadGitLab(string text, string path, DraftDocument draft)
    {
        if (YamlDocuments.Read(text, path, draft).Count == 0)
        {
            return;
        }

        var component = draft.Components.FirstOrDefault(c => c.Id == "gitlab-ci") ?? Add(draft, "gitlab-ci", "gitlab_ci", "GitLab CI");
        component.AddEvidence(path, 0, "GitLab CI pipeline definition");
    }

    public static void ReadGitHub(string text, string path, DraftDocument draft)
    {
        var docs = YamlDocuments.Read(text, path, draft);
        if (docs.Count == 0 || docs[0].Root is not JsonObject root)
        {
            return;
        }

        var doc = docs[0];
        var component = draft.Components.FirstOrDefault(c => c.Id == "github-actions") ?? Add(draft, "github-actions", "github_actions", "GitHub Actions");
        component.AddEvidence(path, 0, "GitHub Actions workflow");
        var triggers = Triggers(root["on"]);
        var privileged = triggers.Where(t => t is "pull_request_target" or "workflow_run").ToList();
        foreach (var trigger in privileged)
        {
            component.AddEvidence(path, doc.Line("/on"), $"triggered by {trigger}: runs with the repository's secrets on events from forks");
        }

        foreach (var (name, job) in YamlNodes.Object(root, "jobs") ?? [])
        {
            var steps = YamlNodes.Array(job, "steps") ?? [];
            for (var i = 0; i < steps.Count; i++)
            {
                var at = SourceMap.Child(SourceMap.Child(SourceMap.Child("/jobs", name), "steps"), i);
                Step(component, steps[i], privileged.Count > 0, path, doc, at);
            }
        }

        if (text.Contains("secrets.", StringComparison.Ordinal))
        {
            component.Todos.Add($"{path} uses repository or organisation secrets: set secrets_scope.");
        }
    }

    private static void Step(DraftComponent component, JsonNode? step, bool privileged, string path, YamlDoc doc, string at)
    {
        if (YamlNodes.Text(step, "uses") is { } uses)
        {
            var line = doc.Line(SourceMap.Child(at, "uses"));
            var pinning = Pinning(uses);
            if (pinning is not null)
            {
                Weaken(component, pinning, $"{uses} ({path}:{line})");
                if (pinning != "digests")
                {
                    component.AddEvidence(path, line, $"action {uses} not pinned to a commit");
                }
            }

            if (uses.StartsWith("actions/attest-build-provenance", StringComparison.Ordinal))
            {
                component.Set("provenance", true, $"{uses} ({path}:{line})");
            }

            if (uses.StartsWith("sigstore/", StringComparison.Ordinal))
            {
                component.Set("signs_artifacts", true, $"{uses} ({path}:{line})");
            }

            var reference = YamlNodes.Text(YamlNodes.Object(step, "with"), "ref") ?? string.Empty;
            if (privileged && uses.StartsWith("actions/checkout", StringComparison.Ordinal)
                && (reference.Contains("pull_request.head", StringComparison.Ordinal) || reference.Contains("head_ref", StringComparison.Ordinal)))
            {
                component.Set("runs_untrusted_code", true, $"checks out the pull request head under a privileged trigger ({path}:{line})");
                component.AddEvidence(path, line, "checks out the fork's code in a privileged workflow");
            }
        }

        if (YamlNodes.Text(step, "run") is { } run && (run.Contains("cosign sign", StringComparison.Ordinal) || run.Contains("model_signing", StringComparison.Ordinal)))
        {
            component.Set("signs_artifacts", true, $"signing command ({path}:{doc.Line(SourceMap.Child(at, "run"))})");
        }
    }

    private static string? Pinning(string uses)
    {
        var action = ActionReference.Parse(uses);
        if (action.Kind == ActionReferenceKind.Local)
        {
            return null;
        }

        if (action.IsPinned)
        {
            return "digests";
        }

        if (action.Kind == ActionReferenceKind.Docker)
        {
            return "versions";
        }

        // A tag such as v4 or v1.2.3 is a version; a branch name is no pinning at all.
        return action.Ref is { Length: > 1 } reference && reference[0] == 'v' && char.IsAsciiDigit(reference[1]) ? "versions" : "none";
    }

    private static void Weaken(DraftComponent component, string pinning, string where)
    {
        var current = component.Props.TryGetValue("pinning", out var node) ? node.GetValue<string>() : null;
        if (current is null || Array.IndexOf(Order, pinning) < Array.IndexOf(Order, current))
        {
            component.Set("pinning", pinning, $"weakest action reference: {where}");
        }
    }

    private static List<string> Triggers(JsonNode? on) => on switch
    {
        JsonObject map => [.. map.Select(p => p.Key)],
        JsonArray list => [.. list.Select(YamlNodes.Text).OfType<string>()],
        _ => YamlNodes.Text(on) is { } single ? [single] : [],
    };

    private static DraftComponent Add(DraftDocument draft, string id, string product, string name)
    {
        var component = draft.AddComponent(id, "cicd", name);
        component.Set("product", product);
        return component;
    }
}
