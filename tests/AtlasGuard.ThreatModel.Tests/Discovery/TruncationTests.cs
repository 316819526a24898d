using AtlasGuard.Core.Services;
using AtlasGuard.ThreatModel.Discovery.Draft;
using AtlasGuard.ThreatModel.Discovery.Readers;
using AtlasGuard.ThreatModel.Loading;
using static AtlasGuard.ThreatModel.Tests.Discovery.Drafts;

namespace AtlasGuard.ThreatModel.Tests.Discovery;

public class TruncationTests
{
    public static TheoryData<string> Files() =>
    [
        "compose-exposed/docker-compose.yml", "compose-localhost/compose.yaml", "k8s-raycluster/ray.yaml", "k8s-raycluster/mlflow.yaml",
        "kserve/inference.yaml", "github-workflow/.github/workflows/release.yml",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_truncation_of_a_fixture_is_read_without_throwing_and_drafts_a_loadable_model(string file)
    {
        var text = File.ReadAllText(Path.Combine(Fixture(string.Empty), file));
        var name = Path.GetFileName(file);
        for (var end = 0; end <= text.Length; end += 9)
        {
            var draft = new DraftDocument();
            var part = text[..end];
            if (file.Contains("workflows", StringComparison.Ordinal))
            {
                CiReader.ReadGitHub(part, file, draft);
            }
            else if (ComposeReader.IsComposeFile(name))
            {
                ComposeReader.Read(part, name, draft, MlopsServiceCatalog.Default);
            }
            else
            {
                KubernetesReader.Read(part, name, draft, MlopsServiceCatalog.Default);
            }

            var result = DraftWriter.Write(draft, FlowInference.Infer(draft), "cut", "5.6.0", 1);
            if (!result.IsEmpty)
            {
                var loaded = ThreatModelLoader.Load(result.Yaml, "draft.yaml");
                Assert.False(loaded.HasErrors, $"cut at {end}: {string.Join("; ", loaded.Diagnostics)}");
            }
        }
    }
}
