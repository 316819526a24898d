using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.Code;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// Throughput of the code detector (AG-COD/AG-SVC-1xx) over generated, realistic Python modules and notebooks.
/// <c>--code-throughput [MB]</c> runs a Stopwatch measurement over a corpus of that size (default 150 MB) and the
/// 50 MB notebook, printing wall-clock and CPU-time MB/s (CPU time is the honest per-core figure on a busy machine).
/// </summary>
[MemoryDiagnoser]
public class CodeScanBenchmarks
{
    private string _module = string.Empty;
    private byte[] _notebook = [];

    [GlobalSetup]
    public void Setup()
    {
        _module = CodeCorpus.Module(1, 1 << 20);
        _notebook = CodeCorpus.Notebook(2, 8 << 20);
    }

    [Benchmark(Description = "Python module, 1 MB")]
    public int Module() => CodeDetector.Analyze(_module).Count;

    [Benchmark(Description = "Notebook, 8 MB (code cells and outputs)")]
    public async Task<int> Notebook() => await CodeCorpus.ScanNotebookAsync(_notebook).ConfigureAwait(false);

    /// <summary>The Stopwatch mode behind <c>--code-throughput</c>.</summary>
    public static async Task<int> MeasureAsync(int megabytes)
    {
        var files = new List<string>();
        long total = 0;
        for (var i = 0; total < megabytes * 1_000_000L; i++)
        {
            var text = CodeCorpus.Module(i, 64 * 1024 + (i % 7) * 16 * 1024);
            files.Add(text);
            total += Encoding.UTF8.GetByteCount(text);
        }

        CodeDetector.Analyze(files[0]); // JIT and rule tables
        var (tokenWall, tokenCpu, tokens) = Time(() => files.Sum(f => Formats.Python.PythonTokenizer.Tokenize(f, out _).Count));
        Report($"tokenizer only ({tokens:N0} tokens)", total, tokenWall, tokenCpu, 0);
        var (parseWall, parseCpu, calls) = Time(() => files.Sum(f => Formats.Python.PythonParser.Parse(f).Calls.Length));
        Report($"tokenizer + parser ({calls:N0} calls)", total, parseWall, parseCpu, 0);
        var (wall, cpu, hits) = Time(() => files.Sum(f => CodeDetector.Analyze(f).Count));
        Report($"{files.Count:N0} Python modules", total, wall, cpu, hits);

        var notebook = CodeCorpus.Notebook(3, 50_000_000);
        await CodeCorpus.ScanNotebookAsync(CodeCorpus.Notebook(4, 1_000_000)).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var found = await CodeCorpus.ScanNotebookAsync(notebook).ConfigureAwait(false);
        Report("50 MB notebook (read + cells)", notebook.Length, watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuStart, found);

        var line = string.Concat(Enumerable.Repeat("x = f(a, b=1) + g('s', verify=False); ", 2_700_000));
        var (lineWall, lineCpu, lineHits) = Time(() => CodeDetector.Analyze(line).Count);
        Report("100 MB single line (token cap)", line.Length, lineWall, lineCpu, lineHits);
        return 0;
    }

    private static (TimeSpan Wall, TimeSpan Cpu, int Hits) Time(Func<int> run)
    {
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var hits = run();
        return (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuStart, hits);
    }

    private static void Report(string what, long bytes, TimeSpan wall, TimeSpan cpu, int hits) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {bytes / 1e6:N1} MB, wall {wall.TotalMilliseconds:N0} ms ({bytes / 1e6 / wall.TotalSeconds:N0} MB/s), cpu {cpu.TotalMilliseconds:N0} ms ({bytes / 1e6 / Math.Max(cpu.TotalSeconds, 1e-3):N0} MB/s), {hits} findings"));
}

/// <summary>Generated Python modules and notebooks shaped like ordinary ML code, with a few planted problems.</summary>
internal static class CodeCorpus
{
    private static readonly string[] Blocks =
    [
        "import torch\nimport torch.nn as nn\nfrom torch.utils.data import DataLoader, Dataset\nimport numpy as np\nimport yaml\n\n",
        "class Encoder{0}(nn.Module):\n    \"\"\"A small encoder block used by the fraud model.\n\n    Args:\n        dim: hidden size.\n    \"\"\"\n\n    def __init__(self, dim: int = 256, dropout: float = 0.1) -> None:\n        super().__init__()\n        self.proj = nn.Linear(dim, dim * 4)\n        self.out = nn.Linear(dim * 4, dim)\n        self.drop = nn.Dropout(dropout)\n\n    def forward(self, x):\n        return self.out(self.drop(torch.relu(self.proj(x)))) + x\n\n",
        "def train_epoch_{0}(model, loader, optimizer, scheduler, device=\"cuda\"):\n    model.train()\n    total = 0.0\n    for step, (features, labels) in enumerate(loader):\n        features, labels = features.to(device), labels.to(device)\n        optimizer.zero_grad(set_to_none=True)\n        logits = model(features)\n        loss = nn.functional.cross_entropy(logits, labels, label_smoothing=0.05)\n        loss.backward()\n        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)\n        optimizer.step()\n        scheduler.step()\n        total += loss.item()\n        if step % 100 == 0:\n            print(f\"step {{step:>6}} loss {{total / (step + 1):.4f}} lr {{scheduler.get_last_lr()[0]:.2e}}\")\n    return total / max(1, len(loader))\n\n",
        "def load_config_{0}(path):\n    with open(path, encoding=\"utf-8\") as handle:\n        config = yaml.safe_load(handle)\n    config.setdefault(\"batch_size\", 1_024)\n    config.setdefault(\"learning_rate\", 3e-4)\n    return config\n\n",
        "def evaluate_{0}(model, loader):\n    model.eval()\n    correct, seen = 0, 0\n    with torch.no_grad():\n        for features, labels in loader:\n            predictions = model(features).argmax(dim=-1)\n            correct += (predictions == labels).sum().item()\n            seen += labels.numel()\n    # accuracy over the held-out split; see docs/metrics.md\n    return {{\"accuracy\": correct / max(seen, 1), \"seen\": seen}}\n\n",
        "def restore_{0}(path):\n    state = torch.load(path, map_location=\"cpu\", weights_only=True)\n    arrays = np.load(path.replace(\".pt\", \".npy\"))\n    return state, arrays\n\n",
        "def legacy_{0}(path):\n    return torch.load(path)\n\n",
    ];

    public static string Module(int seed, int size)
    {
        var builder = new StringBuilder(size + 2048);
        builder.Append(Blocks[0]);
        for (var i = 0; builder.Length < size; i++)
        {
            var block = Blocks[1 + ((seed + i) % (Blocks.Length - 1))];
            builder.Append(string.Format(CultureInfo.InvariantCulture, block, seed * 1000 + i));
        }

        return builder.ToString();
    }

    public static byte[] Notebook(int seed, int size)
    {
        var png = Convert.ToBase64String(Enumerable.Range(0, 12_000).Select(i => (byte)(i * 7 + seed)).ToArray());
        using var stream = new MemoryStream();
        // As Jupyter writes notebooks: '+', '<' and '>' are not escaped (the writer's default would escape them).
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("cells");
            for (var cell = 0; stream.Length + json.BytesPending < size; cell++)
            {
                json.WriteStartObject();
                json.WriteString("cell_type", "code");
                json.WriteNumber("execution_count", cell + 1);
                json.WriteStartObject("metadata");
                json.WriteEndObject();
                json.WriteStartArray("source");
                var code = (cell % 5 == 0 ? "!pip install -q torch\n%env CUDA_VISIBLE_DEVICES=0\n" : string.Empty) + Module(seed + cell, 6_000);
                foreach (var line in code.Split('\n'))
                {
                    json.WriteStringValue(line + "\n");
                }

                json.WriteEndArray();
                json.WriteStartArray("outputs");
                json.WriteStartObject();
                json.WriteString("output_type", "stream");
                json.WriteString("name", "stdout");
                json.WriteStartArray("text");
                for (var i = 0; i < 60; i++)
                {
                    json.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"step {i * 100,6} loss {1.0 / (i + 1):F6} acc {0.5 + i / 200.0:F4}\n"));
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject();
                json.WriteString("output_type", "display_data");
                json.WriteStartObject("data");
                json.WriteString("image/png", png);
                json.WriteEndObject();
                json.WriteStartObject("metadata");
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                json.Flush();
            }

            json.WriteEndArray();
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            json.WriteNumber("nbformat", 4);
            json.WriteNumber("nbformat_minor", 5);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static async Task<int> ScanNotebookAsync(byte[] notebook)
    {
        var target = new ScanTarget(new ArtifactLocation("bench.ipynb"), "bench.ipynb", notebook.Length, ArtifactKind.Unknown,
            notebook.AsMemory(0, Math.Min(notebook.Length, 512)), () => new MemoryStream(notebook, writable: false));
        var sink = new CountingSink();
        await new CodeDetector().AnalyzeAsync(target, sink).ConfigureAwait(false);
        return sink.Count;
    }

    private sealed class CountingSink : IFindingSink
    {
        public int Count { get; private set; }

        public void Report(Finding finding) => Count++;
    }
}
