using AtlasGuard.Detectors.Ci;

namespace AtlasGuard.Detectors.Tests.Ci;

public sealed class UntrustedContextsTests
{
    [Theory]
    [InlineData("github.head_ref", "Attacker")]
    [InlineData("github.event.pull_request.head.ref", "Attacker")]
    [InlineData("github.event.pull_request.head.label", "Attacker")]
    [InlineData("github.event.issue.body", "Attacker")]
    [InlineData("github.event.comment.body", "Attacker")]
    [InlineData("github.event.review.body", "Attacker")]
    [InlineData("github.event.commits.*.message", "Attacker")]
    [InlineData("github.event.head_commit.author.name", "Attacker")]
    [InlineData("github.event.workflow_run.head_branch", "Attacker")]
    [InlineData("github.event.inputs.branch", "Caller")]
    [InlineData("inputs.version", "Caller")]
    [InlineData("github.event.pull_request.head.sha", "Trusted")]
    [InlineData("github.event.pull_request.number", "Trusted")]
    [InlineData("github.ref", "Trusted")]
    [InlineData("secrets.pypi_token", "Trusted")]
    [InlineData("matrix.python", "Trusted")]
    [InlineData("github.event.issue", "Trusted")]
    public void Classifies_context_paths(string path, string trust)
    {
        Assert.Equal(Enum.Parse<ContextTrust>(trust), UntrustedContexts.Classify(path));
    }

    [Fact]
    public void The_worst_path_of_an_expression_wins()
    {
        var (trust, path) = UntrustedContexts.Worst("inputs.ref || github.head_ref || github.ref");

        Assert.Equal(ContextTrust.Attacker, trust);
        Assert.Equal("github.head_ref", path);
    }
}
