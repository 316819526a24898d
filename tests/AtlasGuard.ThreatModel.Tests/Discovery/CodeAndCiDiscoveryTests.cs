using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Model;
using static AtlasGuard.ThreatModel.Tests.Discovery.Drafts;

namespace AtlasGuard.ThreatModel.Tests.Discovery;

public class CodeAndCiDiscoveryTests
{
    [Fact]
    public async Task A_notebook_with_unpinned_torch_gives_a_notebook_env_without_pinning()
    {
        var (result, model) = await CaseAsync("notebook-requirements");

        var notebooks = Get(model, "notebooks");
        Assert.Equal(ComponentType.NotebookEnv, notebooks.Type);
        Assert.Equal("none", Prop(notebooks, "pinning"));
        Assert.Equal("public_index", Prop(notebooks, "package_sources"));
        Assert.False(notebooks.Props.ContainsKey("auth"));
        Assert.Contains(result.Evidence, e => e.Element == "notebooks" && e.Path == "requirements.txt" && e.Line == 2 && e.Fact.StartsWith("torch not pinned", StringComparison.Ordinal));
        Assert.Contains(result.Evidence, e => e.Element == "notebooks" && e.Path == "notebooks/explore.ipynb");
    }

    [Theory]
    [InlineData("torch==2.3.0 --hash=sha256:abc\ntransformers==4.40.0 \\\n    --hash=sha256:def\n", "digests")]
    [InlineData("torch==2.3.0\ntransformers==4.40.0\nrequests\n", "versions")]
    [InlineData("torch==2.3.0\ntransformers~=4.40\n", "none")]
    public async Task Pinning_is_the_weakest_of_the_ML_libraries(string requirements, string expected)
    {
        using var tree = new TempTree();
        tree.Write("requirements.txt", requirements);
        tree.Write("train.py", "import torch\n");

        var (_, model) = await DiscoverAsync(tree.Root);

        Assert.Equal(expected, Prop(Get(model, "training"), "pinning"));
    }

    [Fact]
    public async Task A_service_image_does_not_inherit_the_repository_pinning_but_is_asked_about_it()
    {
        using var tree = new TempTree();
        tree.Write("requirements.txt", "torch==2.3.0\n");
        tree.Write("work/a.ipynb", "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        tree.Write("docker-compose.yml", "services:\n  lab:\n    image: jupyter/scipy-notebook\n    volumes: [\"./work:/home/jovyan/work\"]\n");

        var (result, model) = await DiscoverAsync(tree.Root);

        var lab = Get(model, "lab");
        Assert.False(lab.Props.ContainsKey("pinning"));
        Assert.Contains(result.Evidence, e => e.Element == "lab" && e.Path == "work/a.ipynb");
        Assert.Contains("pin its ML libraries as 'versions'", result.Yaml, StringComparison.Ordinal);
        Assert.Single(model.Components);
    }

    [Fact]
    public async Task Pyproject_dependencies_are_read()
    {
        using var tree = new TempTree();
        tree.Write("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\n  \"torch==2.3.0\",\n  \"mlflow>=2\",\n]\n");
        tree.Write("nb/a.ipynb", "{\"cells\": [], \"metadata\": {\"colab\": {\"provenance\": []}}, \"nbformat\": 4, \"nbformat_minor\": 5}");

        var (result, model) = await DiscoverAsync(tree.Root);

        var notebooks = Get(model, "notebooks");
        Assert.Equal("none", Prop(notebooks, "pinning"));
        Assert.Equal("colab", Prop(notebooks, "product"));
        Assert.Contains(result.Evidence, e => e.Path == "pyproject.toml" && e.Line == 5 && e.Fact.StartsWith("mlflow not pinned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_privileged_workflow_that_checks_out_the_fork_runs_untrusted_code()
    {
        var (result, model) = await CaseAsync("github-workflow");

        var ci = Get(model, "github-actions");
        Assert.Equal(ComponentType.Cicd, ci.Type);
        Assert.Equal("github_actions", Prop(ci, "product"));
        Assert.Equal("none", Prop(ci, "pinning"));
        Assert.Equal("true", Prop(ci, "runs_untrusted_code"));
        Assert.False(ci.Props.ContainsKey("secrets_scope"));
        Assert.Contains(result.Evidence, e => e.Element == "github-actions" && e.Line == 17 && e.Fact.Contains("some-org/format-action@main", StringComparison.Ordinal));
        Assert.Contains("set secrets_scope", result.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_pinned_to_commits_without_privileged_triggers_claims_nothing_more()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/ci.yml", """
            on: [push, pull_request]
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                  - uses: ./.github/actions/local
                  - uses: actions/attest-build-provenance@1c608d11d69870c2092266b3f9a6f3abbf17002c
            """);
        tree.Write(".gitlab-ci.yml", "test:\n  script: [pytest]\n");

        var (_, model) = await DiscoverAsync(tree.Root);

        var ci = Get(model, "github-actions");
        Assert.Equal("digests", Prop(ci, "pinning"));
        Assert.Equal("true", Prop(ci, "provenance"));
        Assert.False(ci.Props.ContainsKey("runs_untrusted_code"));
        Assert.Equal("gitlab_ci", Prop(Get(model, "gitlab-ci"), "product"));
    }
}
