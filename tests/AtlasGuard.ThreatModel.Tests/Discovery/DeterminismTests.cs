using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Discovery;
using static AtlasGuard.ThreatModel.Tests.Discovery.Drafts;

namespace AtlasGuard.ThreatModel.Tests.Discovery;

public class DeterminismTests
{
    public static TheoryData<string> Cases() =>
        ["compose-exposed", "compose-localhost", "k8s-raycluster", "kserve", "notebook-requirements", "github-workflow"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_fixture_drafts_a_valid_model_the_same_way_twice_without_absolute_paths(string name)
    {
        var (first, model) = await CaseAsync(name);
        var second = await PipelineDiscovery.DiscoverAsync(Fixture(name));

        Assert.Equal(first.Yaml, second.Yaml);
        Assert.Equal(first.Evidence.ToArray(), second.Evidence.ToArray());
        Assert.Equal(first.Questions.ToArray(), second.Questions.ToArray());
        Assert.DoesNotContain(Fixture(name), first.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(AppContext.BaseDirectory, first.Yaml, StringComparison.Ordinal);
        Assert.All(first.Evidence, e => Assert.False(Path.IsPathRooted(e.Path), e.Path));
        Assert.Equal(name, model.Metadata.Name);
        Assert.All(model.Components, c => Assert.Contains(first.Evidence, e => e.Element == c.Id));
    }

    [Fact]
    public async Task Gitignored_and_excluded_files_are_not_read()
    {
        using var tree = new TempTree();
        tree.Write(".gitignore", "scratch/\n");
        tree.Write("scratch/docker-compose.yml", "services:\n  ray:\n    image: rayproject/ray\n");
        tree.Write("vendor/docker-compose.yml", "services:\n  qdrant:\n    image: qdrant/qdrant\n");
        tree.Write("docker-compose.yml", "services:\n  mlflow:\n    image: ghcr.io/mlflow/mlflow\n");

        var (_, model) = await DiscoverAsync(tree.Root, new DiscoveryOptions { Excludes = ["vendor/"], Name = "demo" });

        Assert.Equal(["mlflow"], model.Components.Select(c => c.Id));
        Assert.Equal("demo", model.Metadata.Name);
    }

    [Fact]
    public async Task Component_ids_are_derived_from_service_names_and_kept_unique()
    {
        using var tree = new TempTree();
        tree.Write("a/docker-compose.yml", "services:\n  Ray_Head:\n    image: rayproject/ray\n");
        tree.Write("b/docker-compose.yml", "services:\n  ray_head:\n    image: rayproject/ray\n");

        var (_, model) = await DiscoverAsync(tree.Root);

        Assert.Equal(["ray_head", "ray_head-2"], model.Components.Select(c => c.Id).Order(StringComparer.Ordinal));
    }
}
