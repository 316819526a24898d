using AtlasGuard.Formats.GitHubActions;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Formats.Tests.GitHubActions;

public sealed class ActionsWorkflowReaderTests
{
    private static ActionsWorkflow Read(string text) => ActionsWorkflowReader.Read(YamlTreeReader.Read(text), text);

    [Theory]
    [InlineData("on: push\njobs: {}\n", "push")]
    [InlineData("on: [push, pull_request_target]\njobs: {}\n", "push|pull_request_target")]
    [InlineData("on:\n  workflow_run:\n    workflows: [CI]\n  Issue_Comment:\njobs: {}\n", "workflow_run|issue_comment")]
    public void The_on_key_stays_a_string_key_whether_it_holds_a_string_a_list_or_a_map(string yaml, string expected)
    {
        var workflow = Read(yaml);

        Assert.Equal(ActionsFileKind.Workflow, workflow.Kind);
        Assert.Equal(expected.Split('|'), workflow.Triggers.Select(t => t.Text));
    }

    [Fact]
    public void A_block_scalar_script_maps_its_lines_to_file_lines()
    {
        var yaml = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Build\n        run: |\n          echo one\n          echo ${{ github.head_ref }}\n";

        var step = Read(yaml).Jobs.Single().Steps.Single();

        Assert.NotNull(step.Run);
        var offset = step.Run.Text.IndexOf("${{", StringComparison.Ordinal);
        Assert.Equal(9, step.Run.LineOf(offset));
        Assert.Equal(6, step.Line);
    }

    [Fact]
    public void A_plain_script_is_on_the_line_of_its_key()
    {
        var yaml = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n";

        var run = Read(yaml).Jobs.Single().Steps.Single().Run;

        Assert.Equal(6, run!.LineOf(0));
    }

    [Fact]
    public void Reads_runner_labels_permissions_uses_and_inherited_secrets()
    {
        var yaml = """
            on: pull_request
            permissions:
              contents: read
            jobs:
              gpu:
                runs-on: [self-hosted, gpu]
                permissions: write-all
                steps:
                  - uses: actions/checkout@v4
                    with:
                      persist-credentials: false
              call:
                uses: org/repo/.github/workflows/r.yml@main
                secrets: inherit
            """;

        var workflow = Read(yaml);

        Assert.True(workflow.HasPermissions);
        var gpu = workflow.Jobs[0];
        Assert.Equal(["self-hosted", "gpu"], gpu.RunsOn.Select(l => l.Text));
        Assert.Equal(6, gpu.RunsOn[0].Line);
        Assert.Equal("write-all", ActionsWorkflowReader.ScalarText(gpu.Permissions));
        Assert.Equal("false", gpu.Steps[0].Input("Persist-Credentials")?.Text);
        Assert.Equal("actions/checkout", gpu.Steps[0].ActionName);
        Assert.NotNull(workflow.Jobs[1].SecretsInherit);
        Assert.Equal(14, workflow.Jobs[1].SecretsInherit!.Value.Line);
    }

    [Fact]
    public void A_composite_action_is_one_job_of_its_steps()
    {
        var yaml = "name: x\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n";

        var workflow = Read(yaml);

        Assert.Equal(ActionsFileKind.CompositeAction, workflow.Kind);
        Assert.Single(Assert.Single(workflow.Jobs).Steps);
    }

    [Theory]
    [InlineData("runs:\n  using: node20\n  main: index.js\n", ActionsFileKind.OtherAction)]
    [InlineData("services:\n  web:\n    image: nginx\n", ActionsFileKind.Unrecognised)]
    [InlineData("- just\n- a list\n", ActionsFileKind.Unrecognised)]
    [InlineData("on: push\njobs: [1, 2]\n", ActionsFileKind.Unrecognised)]
    public void Other_shapes_are_recognised_as_such(string yaml, ActionsFileKind kind)
    {
        Assert.Equal(kind, Read(yaml).Kind);
    }

    [Fact]
    public void Values_of_unexpected_shapes_are_skipped()
    {
        var yaml = "on: {push: null}\njobs:\n  a: 3\n  b:\n    runs-on: {group: gpu-pool, labels: linux}\n    steps: [1, {uses: [x]}, {run: {a: b}}, {with: 5}]\n";

        var workflow = Read(yaml);

        var job = Assert.Single(workflow.Jobs);
        Assert.Equal(["gpu-pool", "linux"], job.RunsOn.Select(l => l.Text));
        Assert.All(job.Steps, s => Assert.Null(s.Uses));
    }
}
