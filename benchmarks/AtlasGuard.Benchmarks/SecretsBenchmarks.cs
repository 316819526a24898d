using System.Diagnostics;
using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.Secrets;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// The secrets detector's speed target (issue 6): 100 MB/s or more per core over source files and notebooks, a
/// 50 MB notebook in under a second, and a 100 MB single-line file fast and bounded. The corpus is generated in
/// memory (about 160 MB of Python, notebooks with numeric outputs, plots and HTML data URIs, YAML and Markdown, with
/// a few planted secrets) so disk speed is not measured. <c>--secrets-throughput</c> prints MB/s directly.
/// </summary>
[MemoryDiagnoser]
public class SecretsBenchmarks
{
    private List<(string Name, byte[] Bytes)> _corpus = [];
    private byte[] _notebook = [];
    private byte[] _singleLine = [];

    [GlobalSetup]
    public void Setup()
    {
        _corpus = SecretsCorpus.Mixed(160 << 20);
        _notebook = SecretsCorpus.Notebook(50_000_000, new Random(3));
        _singleLine = SecretsCorpus.SingleLine(100_000_000);
    }

    [Benchmark(Description = "Secrets: mixed corpus ~160 MB")]
    public Task<int> MixedCorpus() => ScanAll(_corpus);

    [Benchmark(Description = "Secrets: 50 MB notebook")]
    public Task<int> Notebook50Mb() => Scan("big.ipynb", _notebook);

    [Benchmark(Description = "Secrets: 100 MB single line")]
    public Task<int> SingleLine100Mb() => Scan("one-line.js", _singleLine);

    /// <summary>Prints throughput figures without BenchmarkDotNet (three runs each, after a warm-up).</summary>
    public static async Task<int> MeasureAsync()
    {
        var corpus = SecretsCorpus.Mixed(160 << 20);
        var notebook = SecretsCorpus.Notebook(50_000_000, new Random(3));
        var line = SecretsCorpus.SingleLine(100_000_000);
        var total = corpus.Sum(f => (long)f.Bytes.Length);
        Console.WriteLine($"corpus: {corpus.Count} files, {total / 1e6:F1} MB; findings {await ScanAll(corpus)}");
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            await ScanAll(corpus);
            var corpusTime = watch.Elapsed;
            watch.Restart();
            var notebookFindings = await Scan("big.ipynb", notebook);
            var notebookTime = watch.Elapsed;
            watch.Restart();
            await Scan("one-line.js", line);
            var lineTime = watch.Elapsed;
            Console.WriteLine($"run {run + 1}: mixed {total / 1e6 / corpusTime.TotalSeconds:F0} MB/s ({corpusTime.TotalSeconds:F2} s); "
                + $"50 MB notebook {notebookTime.TotalSeconds:F2} s ({notebookFindings} findings); 100 MB single line {lineTime.TotalSeconds:F2} s");
        }

        return 0;
    }

    private static async Task<int> ScanAll(List<(string Name, byte[] Bytes)> files)
    {
        var count = 0;
        foreach (var (name, bytes) in files)
        {
            count += await Scan(name, bytes);
        }

        return count;
    }

    private static async Task<int> Scan(string name, byte[] bytes)
    {
        var detector = new SecretsDetector();
        var target = new ScanTarget(new ArtifactLocation(name), name, bytes.Length, ArtifactKind.Unknown, bytes.AsMemory(0, Math.Min(512, bytes.Length)),
            () => new MemoryStream(bytes, writable: false));
        var sink = new CountingSink();
        await detector.AnalyzeAsync(target, sink);
        return sink.Count;
    }

    private sealed class CountingSink : IFindingSink
    {
        public int Count { get; private set; }

        public void Report(Finding finding) => Count++;
    }
}

/// <summary>Generated text that looks like an ML repository: code, notebooks, configuration and docs.</summary>
internal static class SecretsCorpus
{
    private static readonly string[] CodeLines =
    [
        "import torch", "import numpy as np", "from transformers import AutoModelForSequenceClassification, AutoTokenizer",
        "from huggingface_hub import hf_hub_download, login", "login(token=os.environ[\"HF_TOKEN\"])",
        "model = AutoModelForSequenceClassification.from_pretrained(cfg.model_name, revision=cfg.model_revision)",
        "optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate, weight_decay=0.01)",
        "for epoch in range(cfg.num_epochs):", "    for step, batch in enumerate(train_loader):",
        "        outputs = model(**batch)", "        loss = outputs.loss / cfg.gradient_accumulation_steps", "        loss.backward()",
        "    wandb.log({\"train/loss\": loss.item(), \"epoch\": epoch, \"lr\": scheduler.get_last_lr()[0]})",
        "client = OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])  # task-specific prompt below",
        "df = pd.read_parquet(\"s3://acme-fraud-features/v3/train.parquet\")", "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)",
        "# commit 3f2b9c1d7e8a6b5c4d3e2f1a0b9c8d7e6f5a4b3c pinned for reproducibility", "def compute_metrics(eval_pred: EvalPrediction) -> dict[str, float]:",
        "    return {\"auc\": roc_auc_score(labels, probs), \"f1\": f1_score(labels, preds)}", "run_id = \"5f0c6a2e-9b1d-4c7e-8a3f-2d6b0e9c1a47\"",
    ];

    private static readonly string[] YamlLines =
    [
        "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: fraud-scorer", "  labels:", "    app.kubernetes.io/name: fraud-scorer",
        "spec:", "  replicas: 3", "  template:", "    spec:", "      containers:", "        - name: scorer",
        "          image: ghcr.io/acme/fraud-scorer@sha256:9b1d4c7e8a3f2d6b0e9c1a475f0c6a2e3f2b9c1d7e8a6b5c4d3e2f1a0b9c8d7e",
        "          env:", "            - name: MLFLOW_TRACKING_URI", "              value: http://mlflow.ml.svc:5000",
        "            - name: HF_TOKEN", "              valueFrom:", "                secretKeyRef: {name: hf-token, key: token}",
        "          resources: {limits: {nvidia.com/gpu: 1, memory: 16Gi}}",
    ];

    private static readonly string[] Secrets =
    [
        "HF_TOKEN = \"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\"", "wandb.login(key=\"8c1f0e6a2b7d9c4e1f3a5b6c7d8e9f0a1b2c3d4e\")",
        "aws_secret_access_key = Jq3Xv8kLm2Pz7Rt5Wn1Yb4Hc6Gd9Fs0Ae2Ku8Io3",
    ];

    public static List<(string Name, byte[] Bytes)> Mixed(long totalBytes)
    {
        var random = new Random(6);
        var files = new List<(string, byte[])>();
        long size = 0;
        for (var i = 0; size < totalBytes; i++)
        {
            var bytes = (i % 4) switch
            {
                0 => Notebook(400_000, random),
                1 => Lines(CodeLines, 200_000, random, i % 40 == 1),
                2 => Lines(YamlLines, 60_000, random, false),
                _ => Lines(CodeLines.Select(l => "    " + l).ToArray(), 120_000, random, false),
            };
            var name = (i % 4) switch { 0 => $"nb{i}.ipynb", 1 => $"train{i}.py", 2 => $"deploy{i}.yaml", _ => $"docs{i}.md" };
            files.Add((name, bytes));
            size += bytes.Length;
        }

        return files;
    }

    public static byte[] Notebook(int approximateBytes, Random random)
    {
        var sb = new StringBuilder("{\n \"cells\": [\n");
        var cell = 0;
        while (sb.Length < approximateBytes)
        {
            sb.Append(cell++ == 0 ? "" : ",\n").Append("  {\"cell_type\": \"code\", \"execution_count\": ").Append(cell).Append(", \"metadata\": {}, \"source\": [");
            for (var i = 0; i < 6; i++)
            {
                sb.Append(i == 0 ? "" : ", ").Append('"').Append(Escape(CodeLines[random.Next(CodeLines.Length)])).Append("\\n\"");
            }

            sb.Append("], \"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"");
            for (var i = 0; i < 300; i++)
            {
                sb.Append(random.NextDouble().ToString("F8", System.Globalization.CultureInfo.InvariantCulture)).Append(i % 10 == 9 ? "\\n" : " ");
            }

            sb.Append("\"]}, {\"output_type\": \"display_data\", \"metadata\": {}, \"data\": {\"image/png\": \"").Append(Base64(random, 6_000))
                .Append("\", \"text/html\": [\"<img src=\\\"data:image/png;base64,").Append(Base64(random, 3_000)).Append("\\\"/>\"], \"text/plain\": [\"<Figure>\"]}}]}");
        }

        return Encoding.UTF8.GetBytes(sb.Append("\n ],\n \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5\n}\n").ToString());
    }

    public static byte[] SingleLine(int length)
    {
        var random = new Random(9);
        var line = new StringBuilder(length);
        while (line.Length < length)
        {
            line.Append("var a").Append(random.Next(100_000)).Append("=\"").Append(Base64(random, 40)).Append("\";hf_model_id=\"acme/m\";");
        }

        return Encoding.UTF8.GetBytes(line.ToString(0, length));
    }

    private static byte[] Lines(string[] source, int approximateBytes, Random random, bool withSecret)
    {
        var sb = new StringBuilder();
        while (sb.Length < approximateBytes)
        {
            sb.Append(source[random.Next(source.Length)]).Append('\n');
        }

        if (withSecret)
        {
            sb.Append(Secrets[random.Next(Secrets.Length)]).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Base64(Random random, int length)
    {
        var bytes = new byte[length * 3 / 4];
        random.NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    private static string Escape(string line) => line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
