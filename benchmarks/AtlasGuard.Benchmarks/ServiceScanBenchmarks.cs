using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// The exposed-service detectors over a generated tree of 3,000 deployment files (compose files, multi-document
/// Kubernetes manifests, Helm values, Dockerfiles, shell scripts, systemd units, TorchServe configs), through the
/// whole engine with every built-in detector, as the CLI runs it (issue 6 item 4).
/// </summary>
public class ServiceScanBenchmarks
{
    private string _root = "";

    [GlobalSetup]
    public void Setup() => _root = ServiceTree.Create();

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Description = "scan of 3,000 deployment files (services detectors)")]
    public async Task<int> Scan() => (await Scans.ScanAsync(_root)).Findings.Length;

    /// <summary>Files/s and MB/s of a few scans of the tree in this process (first one includes JIT).</summary>
    public static async Task<int> Measure()
    {
        var root = ServiceTree.Create();
        try
        {
            var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
            var bytes = files.Sum(f => new FileInfo(f).Length);
            for (var run = 0; run < 4; run++)
            {
                var watch = Stopwatch.StartNew();
                var result = await Scans.ScanAsync(root);
                var seconds = watch.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run + 1}: {files.Length:N0} files, {bytes / 1e6:F1} MB, {result.Findings.Length:N0} findings in {seconds * 1000:F0} ms: {files.Length / seconds:N0} files/s, {bytes / 1e6 / seconds:F1} MB/s"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

/// <summary>Writes the service benchmark tree: deterministic content, 3,000 files, half of them exposing something.</summary>
internal static class ServiceTree
{
    public static string Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "atlasguard-bench-services-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        for (var i = 0; i < 500; i++)
        {
            var bind = i % 2 == 0 ? string.Empty : "127.0.0.1:";
            Write(root, $"stacks/s{i}/docker-compose.yml", Compose(i, bind));
            Write(root, $"k8s/app{i}.yaml", Manifest(i));
            Write(root, $"charts/c{i}/values.yaml", $"image:\n  repository: bitnami/mlflow\n  tag: 2.{i % 20}.0\nservice:\n  type: {(i % 2 == 0 ? "LoadBalancer" : "ClusterIP")}\n  port: 5000\nresources:\n  limits: {{memory: 2Gi}}\n");
            Write(root, $"docker/d{i}/Dockerfile", $"FROM python:3.12-slim\nRUN pip install mlflow=={i % 10}.0\nENV A={i} \\\n    B=two\nEXPOSE 5000\nCMD [\"mlflow\", \"server\", \"--host\", \"{(i % 2 == 0 ? "0.0.0.0" : "127.0.0.1")}\"]\n");
            Write(root, $"scripts/run{i}.sh", Script(i));
            Write(root, i % 2 == 0 ? $"units/u{i}/ollama.service.d/override.conf" : $"serving/t{i}/config.properties",
                i % 2 == 0 ? "[Service]\nEnvironment=\"OLLAMA_HOST=0.0.0.0\"\n" : "inference_address=http://127.0.0.1:8080\nmanagement_address=http://0.0.0.0:8081\nallowed_urls=http(s)?://.*\n");
        }

        return root;
    }

    private static string Compose(int i, string bind)
    {
        var text = new StringBuilder();
        text.Append("x-common: &common\n  restart: unless-stopped\n  logging: {driver: json-file}\nservices:\n");
        text.Append(CultureInfo.InvariantCulture, $"  ray{i}:\n    <<: *common\n    image: rayproject/ray:2.9.0\n    command: ray start --head --dashboard-host=0.0.0.0 --block\n    ports: [\"{bind}8265:8265\", \"{bind}10001:10001\"]\n");
        text.Append(CultureInfo.InvariantCulture, $"  mlflow{i}:\n    <<: *common\n    image: ghcr.io/mlflow/mlflow:v2.9.2\n    command: [mlflow, server, --host, 0.0.0.0]\n    ports: [\"{bind}5000:5000\"]\n    environment:\n      - MLFLOW_S3_ENDPOINT_URL=http://minio:9000\n");
        text.Append(CultureInfo.InvariantCulture, $"  worker{i}:\n    build: .\n    command: python train.py --epochs {i % 50}\n    environment:\n      RAY_ADDRESS: ray://ray{i}:10001\n");
        return text.ToString();
    }

    private static string Manifest(int i)
    {
        var text = new StringBuilder();
        for (var d = 0; d < 4; d++)
        {
            text.Append(CultureInfo.InvariantCulture, $"---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: serve{i}-{d}, namespace: ml}}\nspec:\n  selector: {{matchLabels: {{app: s{i}-{d}}}}}\n  template:\n    metadata: {{labels: {{app: s{i}-{d}}}}}\n");
            text.Append(CultureInfo.InvariantCulture, $"    spec:\n      containers:\n        - name: c\n          image: vllm/vllm-openai:v0.5.0\n          args: [\"--model\", \"m{d}\", \"--port\", \"8000\"]\n          env: [{{name: HF_HOME, value: /cache}}]\n");
            text.Append(CultureInfo.InvariantCulture, $"---\napiVersion: v1\nkind: Service\nmetadata: {{name: serve{i}-{d}, namespace: ml}}\nspec: {{type: {(d == 0 ? "LoadBalancer" : "ClusterIP")}, selector: {{app: s{i}-{d}}}, ports: [{{port: 8000}}]}}\n");
        }

        return text.ToString();
    }

    private static string Script(int i) => string.Create(CultureInfo.InvariantCulture,
        $"#!/usr/bin/env bash\nset -euo pipefail\nexport CUDA_VISIBLE_DEVICES={i % 8}\npython -m train --seed {i}\n"
        + $"docker run -d -p {(i % 2 == 0 ? "" : "127.0.0.1:")}11434:11434 ollama/ollama:0.1.{i % 40}\n"
        + $"jupyter lab --ip=0.0.0.0 --ServerApp.token='{(i % 2 == 0 ? "" : "abc")}' &\ntensorboard --logdir runs/{i} --port 6006 &\nwait\n");

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
