using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Detectors.Ci;

/// <summary>How far an attacker controls a context value.</summary>
internal enum ContextTrust
{
    /// <summary>Not known to be attacker-controlled (a SHA, a run id, a secret).</summary>
    Trusted,

    /// <summary>Set by whoever can start the run or call the action: workflow_dispatch and action inputs.</summary>
    Caller,

    /// <summary>Free text anyone can write: a pull-request title, a branch name, a comment, a commit message.</summary>
    Attacker,
}

/// <summary>
/// The GitHub context properties whose values come from people outside the repository: titles, bodies, branch names,
/// commit messages and author fields of issues, pull requests, comments, reviews, discussions and pushes. Paths are
/// matched segment by segment, <c>*</c> matching any one segment (a list index or an object filter).
/// </summary>
internal static class UntrustedContexts
{
    private static readonly string[][] AttackerPaths =
    [
        .. new[]
        {
            "github.head_ref",
            "github.event.issue.title", "github.event.issue.body",
            "github.event.pull_request.title", "github.event.pull_request.body",
            "github.event.pull_request.head.ref", "github.event.pull_request.head.label",
            "github.event.pull_request.head.repo.default_branch", "github.event.pull_request.head.repo.description",
            "github.event.pull_request.head.repo.homepage",
            "github.event.comment.body", "github.event.review.body", "github.event.review_comment.body",
            "github.event.discussion.title", "github.event.discussion.body",
            "github.event.pages.*.page_name",
            "github.event.commits.*.message", "github.event.commits.*.author.email", "github.event.commits.*.author.name",
            "github.event.commits.*.committer.email", "github.event.commits.*.committer.name",
            "github.event.head_commit.message", "github.event.head_commit.author.email", "github.event.head_commit.author.name",
            "github.event.head_commit.committer.email", "github.event.head_commit.committer.name",
            "github.event.workflow_run.head_branch", "github.event.workflow_run.display_title",
            "github.event.workflow_run.head_commit.message", "github.event.workflow_run.head_commit.author.email",
            "github.event.workflow_run.head_commit.author.name", "github.event.workflow_run.pull_requests.*.head.ref",
            "github.event.workflow_run.head_repository.description",
        }.Select(p => p.Split('.')),
    ];

    /// <summary>How far an attacker controls the value at a (lower-case) context path.</summary>
    public static ContextTrust Classify(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('.');
        if (AttackerPaths.Any(p => Matches(p, segments)))
        {
            return ContextTrust.Attacker;
        }

        return segments.Length >= 2 && (segments[0] == "inputs" || (segments.Length >= 3 && segments[0] == "github" && segments[1] == "event" && segments[2] == "inputs"))
            ? ContextTrust.Caller
            : ContextTrust.Trusted;
    }

    /// <summary>The least trusted context path an expression reads, and its trust; (Trusted, null) when none is untrusted.</summary>
    public static (ContextTrust Trust, string? Path) Worst(string expressionBody)
    {
        var worst = (ContextTrust.Trusted, (string?)null);
        foreach (var path in ActionsExpressions.References(expressionBody))
        {
            var trust = Classify(path);
            if (trust > worst.Item1)
            {
                worst = (trust, path);
            }
        }

        return worst;
    }

    private static bool Matches(string[] pattern, string[] path)
    {
        // A deeper path (github.event.issue.title.length does not exist, but head.ref.x would) still carries the text.
        if (path.Length < pattern.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != "*" && path[i] != "*" && !string.Equals(pattern[i], path[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
