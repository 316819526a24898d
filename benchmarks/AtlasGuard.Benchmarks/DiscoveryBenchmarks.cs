using System.Diagnostics;
using System.Globalization;
using AtlasGuard.ThreatModel.Discovery;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// Drafting a pipeline model from a generated repository of 3,300 files (237 of them gitignored): Python sources, docs, notebooks, plain
/// YAML configs, compose files, multi-document Kubernetes manifests, model files and workflows (issue 5 item 4;
/// the target is well under a second). The walk, .gitignore handling, sniffing and every reader are included.
/// </summary>
public class DiscoveryBenchmarks
{
    private string _root = "";

    [GlobalSetup]
    public void Setup() => _root = DiscoveryRepository.Create();

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Description = "PipelineDiscovery.DiscoverAsync (3,300-file repository)")]
    public async Task<int> Discover() => (await PipelineDiscovery.DiscoverAsync(_root)).Yaml.Length;

    /// <summary>The first discovery in this fresh process, JIT included, as a CLI run sees it.</summary>
    public static async Task<int> MeasureColdStart()
    {
        var root = DiscoveryRepository.Create();
        try
        {
            var watch = Stopwatch.StartNew();
            var first = await PipelineDiscovery.DiscoverAsync(root);
            var cold = watch.Elapsed;
            watch.Restart();
            await PipelineDiscovery.DiscoverAsync(root);
            var warm = watch.Elapsed;
            Console.WriteLine($"{first.FilesExamined:N0} files, {first.Evidence.Length} evidence items, {first.Notes.Length} notes; "
                + $"first discovery {cold.TotalMilliseconds:F1} ms (cold, JIT included), second {warm.TotalMilliseconds:F1} ms");
            return first.IsEmpty ? 1 : 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

/// <summary>Writes the benchmark repository: deterministic content, 3,300 files.</summary>
internal static class DiscoveryRepository
{
    public static string Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "atlasguard-bench-discovery-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Write(root, ".gitignore", "build/\n*.log\n");
        Write(root, "requirements.txt", "torch>=2.1\ntransformers==4.40.0\nmlflow\n");
        Write(root, ".github/workflows/ci.yml", "on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n");
        for (var i = 0; i < 10; i++)
        {
            Write(root, $"deploy/stack{i}/docker-compose.yml",
                $"services:\n  ray{i}:\n    image: rayproject/ray:2.9.0\n    command: ray start --head --dashboard-host=0.0.0.0\n    ports: [\"8265:8265\"]\n"
                + $"  mlflow{i}:\n    image: ghcr.io/mlflow/mlflow\n    ports: [\"127.0.0.1:5000:5000\"]\n    environment:\n      X: http://ray{i}:8265\n");
            Write(root, $"k8s/app{i}.yaml",
                $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{ name: serve{i} }}\nspec:\n  template:\n    metadata: {{ labels: {{ app: s{i} }} }}\n"
                + $"    spec:\n      containers:\n        - name: c\n          image: vllm/vllm-openai:v0.5.0\n---\napiVersion: v1\nkind: Service\n"
                + $"metadata: {{ name: serve{i} }}\nspec: {{ type: LoadBalancer, selector: {{ app: s{i} }}, ports: [ {{ port: 8000 }} ] }}\n");
        }

        for (var i = 0; i < 20; i++)
        {
            Write(root, $"models/m{i}.pt", [0x50, 0x4B, 0x03, 0x04, .. new byte[2048]]);
            Write(root, $"notebooks/n{i}.ipynb", "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        }

        for (var i = 0; i < 2_400; i++)
        {
            Write(root, $"src/pkg{i / 100}/mod{i}.py", $"import torch\n\n\ndef f{i}(x):\n    return torch.relu(x) * {i}\n");
        }

        for (var i = 0; i < 300; i++)
        {
            Write(root, $"docs/page{i}.md", $"# Page {i}\n\nSome text about the project.\n");
            Write(root, $"conf/settings{i}.yaml", $"name: job{i}\nlr: 0.001\nepochs: {i}\n");
        }

        for (var i = 0; i < 237; i++)
        {
            Write(root, $"build/out{i}.log", "ignored\n");
        }

        return root;
    }

    private static void Write(string root, string relative, string text) => Write(root, relative, System.Text.Encoding.UTF8.GetBytes(text));

    private static void Write(string root, string relative, byte[] content)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }
}
