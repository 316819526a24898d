using AtlasGuard.Formats.GitHubActions;

namespace AtlasGuard.Formats.Tests.GitHubActions;

public sealed class ActionsExpressionsTests
{
    [Fact]
    public void Finds_each_expression_with_its_offset_and_body()
    {
        var text = "echo ${{ github.head_ref }} and ${{inputs.name}}";

        var found = ActionsExpressions.Find(text);

        Assert.Equal(2, found.Count);
        Assert.Equal(5, found[0].Offset);
        Assert.Equal("github.head_ref", found[0].Body);
        Assert.Equal("${{ github.head_ref }}", text.Substring(found[0].Offset, found[0].Length));
        Assert.Equal("inputs.name", found[1].Body);
    }

    [Fact]
    public void Closing_braces_inside_a_string_literal_do_not_end_the_expression()
    {
        var found = ActionsExpressions.Find("x ${{ format('}}{0}', github.event.issue.title) }} y");

        var expression = Assert.Single(found);
        Assert.Equal("format('}}{0}', github.event.issue.title)", expression.Body);
    }

    [Fact]
    public void An_unclosed_expression_runs_to_the_end_of_the_text()
    {
        var expression = Assert.Single(ActionsExpressions.Find("run ${{ github.head_ref"));

        Assert.Equal("github.head_ref", expression.Body);
    }

    [Theory]
    [InlineData("github.head_ref || github.ref", "github.head_ref|github.ref")]
    [InlineData("github.event['pull_request']['title']", "github.event.pull_request.title")]
    [InlineData("github.event.commits[0].message", "github.event.commits.*.message")]
    [InlineData("github.event.commits.*.author.email", "github.event.commits.*.author.email")]
    [InlineData("toJSON(GitHub.Event.Issue.Body)", "github.event.issue.body")]
    [InlineData("contains(github.event.comment.body, '/deploy github.head_ref')", "github.event.comment.body")]
    [InlineData("inputs.python == 'true'", "inputs.python")]
    public void References_are_lower_case_dotted_paths_without_functions_or_literals(string expression, string expected)
    {
        var paths = ActionsExpressions.References(expression);

        Assert.Equal(expected.Split('|'), paths);
    }

    [Fact]
    public void A_long_path_is_cut_at_the_segment_bound()
    {
        var path = "github" + string.Concat(Enumerable.Repeat(".a", 100));

        var reference = Assert.Single(ActionsExpressions.References(path));

        Assert.Equal(ActionsExpressions.MaxSegments, reference.Split('.').Length);
    }

    [Fact]
    public void The_number_of_expressions_is_bounded()
    {
        var text = string.Concat(Enumerable.Repeat("${{ a }}", ActionsExpressions.MaxExpressions + 50));

        Assert.Equal(ActionsExpressions.MaxExpressions, ActionsExpressions.Find(text).Count);
    }

    [Theory]
    [InlineData("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", ActionReferenceKind.Repository, "actions/checkout", true)]
    [InlineData("actions/checkout@v4", ActionReferenceKind.Repository, "actions/checkout", false)]
    [InlineData("Org/Repo/.github/workflows/x.yml@main", ActionReferenceKind.Repository, "org/repo/.github/workflows/x.yml", false)]
    [InlineData("owner/action@11bd71901bbe5b1630ceea73d27597364c9af68", ActionReferenceKind.Repository, "owner/action", false)]
    [InlineData("./.github/actions/setup", ActionReferenceKind.Local, "./.github/actions/setup", true)]
    [InlineData("docker://alpine:3.20", ActionReferenceKind.Docker, "alpine:3.20", false)]
    [InlineData("docker://alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", ActionReferenceKind.Docker, "alpine", true)]
    [InlineData("${{ matrix.action }}", ActionReferenceKind.Other, "${{ matrix.action }}", false)]
    public void Parses_uses_values(string uses, ActionReferenceKind kind, string name, bool pinned)
    {
        var reference = ActionReference.Parse(uses);

        Assert.Equal(kind, reference.Kind);
        Assert.Equal(name, reference.Name);
        Assert.Equal(pinned, reference.IsPinned);
    }
}
