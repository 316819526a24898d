using System.Diagnostics;
using System.Text;
using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Discovery;
using static AtlasGuard.ThreatModel.Tests.Discovery.Drafts;

namespace AtlasGuard.ThreatModel.Tests.Discovery;

public class HostileInputTests
{
    private const string GoodCompose = "services:\n  mlflow:\n    image: ghcr.io/mlflow/mlflow\n    ports: [\"5000:5000\"]\n";

    private static string BillionLaughs()
    {
        var b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 10; i++)
        {
            var prev = ((char)('a' + i - 1)).ToString();
            var name = ((char)('a' + i)).ToString();
            b.Append(name).Append(": &").Append(name).Append(" [*").Append(prev).Append(string.Concat(Enumerable.Repeat(",*" + prev, 8))).Append("]\n");
        }

        return b.Append("services:\n  x:\n    image: *j\n").ToString();
    }

    [Fact]
    public async Task Hostile_files_become_notes_and_the_rest_is_still_discovered()
    {
        using var tree = new TempTree();
        tree.Write("bomb/docker-compose.yml", BillionLaughs());
        tree.Write("deep/docker-compose.yml", "services: " + new string('[', 5000) + new string(']', 5000) + "\n");
        tree.Write("broken/docker-compose.yml", "services:\n  a: [unclosed\n    image: \"x\n");
        tree.Write("binary/compose.yaml", [0xFF, 0xFE, 0x00, 0x80, 0x81, 0x0A, 0xC3, 0x28]);
        tree.Write("k8s/odd.yaml", "apiVersion: v1\nkind: Service\nmetadata: [1, 2]\nspec: { selector: [a], ports: \"x\", type: 7 }\n---\napiVersion: apps/v1\nkind: Deployment\nspec: { template: { spec: { containers: \"no\" } } }\n");
        tree.Write("k8s/huge.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  blob: \"" + new string('x', 3 * 1024 * 1024) + "\"\n");
        tree.Write("nb/bad.ipynb", "{ not json");
        tree.Write("weights/fake.pt", "plain text, not a model");
        tree.Write("good/docker-compose.yml", GoodCompose);

        var watch = Stopwatch.StartNew();
        var (result, model) = await DiscoverAsync(tree.Root);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.NotNull(model.FindComponent("mlflow"));
        Assert.Contains(result.Notes, n => n.Path == "bomb/docker-compose.yml" && n.Message.StartsWith("Not read", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Path == "deep/docker-compose.yml" && n.Message.StartsWith("Not read", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Path == "broken/docker-compose.yml");
        Assert.Contains(result.Notes, n => n.Path == "k8s/huge.yaml" && n.Message.Contains("Larger than", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Path == "k8s/odd.yaml");
        Assert.Empty(model.ModelAssets);
        Assert.NotNull(model.FindComponent("notebooks"));
    }

    [Fact]
    public async Task An_empty_repository_gives_an_empty_result_not_an_exception()
    {
        using var tree = new TempTree();
        tree.Write("README.md", "nothing here\n");

        var result = await PipelineDiscovery.DiscoverAsync(tree.Root);

        Assert.True(result.IsEmpty);
        Assert.Equal(1, result.FilesExamined);
    }

    [Fact]
    public async Task A_missing_folder_is_a_usage_error() =>
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => PipelineDiscovery.DiscoverAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PipelineDiscovery.DiscoverAsync(Fixture("compose-exposed"), cancellationToken: cts.Token));
    }
}
