using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AtlasGuard.Benchmarks.Fixtures;

/// <summary>
/// Ordinary ML repository text for the source detectors' benchmarks, generated deterministically: Python modules
/// (training loops, data loading, evaluation), Jupyter notebooks with training logs, long numeric outputs and small
/// base64 plots, and YAML configs. Everything is benign by design, so a finding at medium or above while scanning it
/// is a false positive. Files are written as their tools write them: UTF-8 without a byte order mark, and notebooks
/// as Jupyter saves them (nbformat's <c>json.dumps(indent=1, ensure_ascii=False)</c>), so '+', '&lt;' and '&gt;' stay
/// as they are. Version 1 of this corpus escaped them (<c>\u002B</c>) as System.Text.Json does by default, which no
/// notebook on disk looks like and which sends a JSON reader down its slow path for every base64 plot.
/// </summary>
internal static class SourceCorpus
{
    private static readonly string[] Verbs = ["load", "build", "train", "evaluate", "prepare", "normalise", "collate", "summarise", "export", "score"];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // What Jupyter writes: one-space indents, and only '"', '\\' and control characters escaped.
    private static readonly JsonSerializerOptions NotebookJson = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] Nouns = ["features", "batch", "loader", "model", "metrics", "labels", "split", "schedule", "embedding", "report"];

    /// <summary>Writes about <paramref name="totalBytes"/> of files under <paramref name="root"/>: 80 % Python, 15 % notebooks, 5 % YAML.</summary>
    public static void WriteTree(string root, long totalBytes)
    {
        var tmp = root + ".partial";
        if (Directory.Exists(tmp))
        {
            Directory.Delete(tmp, recursive: true);
        }

        var written = 0L;
        var index = 0;
        while (written < totalBytes)
        {
            var folder = Path.Combine(tmp, $"pkg{index / 200:D3}");
            Directory.CreateDirectory(folder);
            var kind = index % 20;
            string name;
            string text;
            if (kind < 16)
            {
                name = $"module_{index:D5}.py";
                text = PythonModule(index, 96 * 1024);
            }
            else if (kind < 19)
            {
                name = $"analysis_{index:D5}.ipynb";
                text = Notebook(index, 600 * 1024);
            }
            else
            {
                name = $"config_{index:D5}.yaml";
                text = YamlConfig(index, 48 * 1024);
            }

            File.WriteAllText(Path.Combine(folder, name), text, Utf8);
            written += Encoding.UTF8.GetByteCount(text);
            index++;
        }

        Directory.Move(tmp, root);
    }

    /// <summary>Writes one notebook of about <paramref name="bytes"/>.</summary>
    public static void WriteNotebook(string path, long bytes) => File.WriteAllText(path, Notebook(7, bytes), Utf8);

    /// <summary>Writes a Python file whose data literal is one line of about <paramref name="bytes"/>.</summary>
    public static void WriteSingleLine(string path, long bytes)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("# Lookup table exported from the feature pipeline.\nBUCKET_EDGES = [");
        var random = new Random(42);
        long written = 64;
        while (written < bytes)
        {
            var value = random.NextDouble().ToString("F6", CultureInfo.InvariantCulture);
            writer.Write(value);
            writer.Write(", ");
            written += value.Length + 2;
        }

        writer.Write("0.0]\n");
    }

    private static string PythonModule(int seed, int bytes)
    {
        var random = new Random(seed);
        var text = new StringBuilder(bytes + 4096);
        text.Append("\"\"\"Utilities for the fraud-scoring training pipeline (generated benchmark module).\"\"\"\n");
        text.Append("from __future__ import annotations\n\nimport json\nimport logging\nfrom dataclasses import dataclass\nfrom pathlib import Path\n\n");
        text.Append("import numpy as np\nimport torch\nfrom torch import nn\nfrom torch.utils.data import DataLoader, Dataset\n\nLOG = logging.getLogger(__name__)\n\n");
        var n = 0;
        while (text.Length < bytes)
        {
            var verb = Verbs[random.Next(Verbs.Length)];
            var noun = Nouns[random.Next(Nouns.Length)];
            var fn = $"{verb}_{noun}_{n++}";
            text.Append(CultureInfo.InvariantCulture, $"\n\n@dataclass\nclass {Capital(noun)}Config{n}:\n    hidden: int = {64 << random.Next(4)}\n    dropout: float = 0.{random.Next(1, 5)}\n    lr: float = {random.Next(1, 9)}e-4\n");
            text.Append(CultureInfo.InvariantCulture, $"\n\ndef {fn}(frame, config: {Capital(noun)}Config{n}, *, device: str = \"cpu\") -> dict[str, float]:\n");
            text.Append(CultureInfo.InvariantCulture, $"    \"\"\"{Capital(verb)} the {noun} for one epoch and return summary statistics.\"\"\"\n");
            text.Append("    values = np.asarray(frame, dtype=np.float32)\n");
            text.Append(CultureInfo.InvariantCulture, $"    mask = values[:, {random.Next(8)}] > {random.NextDouble():F3}\n");
            text.Append("    tensor = torch.from_numpy(values[mask]).to(device)\n");
            text.Append("    layer = nn.Sequential(nn.Linear(tensor.shape[1], config.hidden), nn.ReLU(), nn.Dropout(config.dropout))\n");
            text.Append("    with torch.no_grad():\n        out = layer(tensor)\n");
            text.Append("    stats = {\"mean\": float(out.mean()), \"std\": float(out.std()), \"rows\": int(mask.sum())}\n");
            text.Append(CultureInfo.InvariantCulture, $"    LOG.info(\"{fn}: %s\", json.dumps(stats))\n    return stats\n");
            if (n % 5 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n\ndef save_{noun}_{n}(state: dict, out_dir: Path) -> Path:\n    path = out_dir / \"{noun}_{n}.safetensors\"\n    out_dir.mkdir(parents=True, exist_ok=True)\n    torch.save(state, out_dir / \"{noun}_{n}.pt\")\n    return path\n");
                text.Append(CultureInfo.InvariantCulture, $"\n\ndef restore_{noun}_{n}(path: Path) -> dict:\n    return torch.load(path, map_location=\"cpu\", weights_only=True)\n");
            }
        }

        return text.ToString();
    }

    private static string Notebook(int seed, long bytes)
    {
        var random = new Random(seed);
        var cells = new List<object>();
        var size = 0L;
        var png = Convert.ToBase64String(Enumerable.Range(0, 6_000).Select(i => (byte)random.Next(256)).ToArray());
        var count = 0;
        while (size < bytes)
        {
            count++;
            var log = new StringBuilder();
            for (var epoch = 1; epoch <= 40; epoch++)
            {
                log.Append(CultureInfo.InvariantCulture, $"epoch {epoch:D3} loss={random.NextDouble():F5} val_auc={0.8 + random.NextDouble() / 5:F5} lr={random.NextDouble() / 1000:E3}\n");
            }

            var numbers = new StringBuilder("array([");
            for (var i = 0; i < 400; i++)
            {
                numbers.Append(CultureInfo.InvariantCulture, $"{random.NextDouble() * 1000:F8}, ");
                if (i % 6 == 5)
                {
                    numbers.Append("\n       ");
                }
            }

            numbers.Append("])");
            cells.Add(new
            {
                cell_type = "code",
                execution_count = count,
                metadata = new { },
                outputs = new object[]
                {
                    new { name = "stdout", output_type = "stream", text = log.ToString().Split('\n').Select(l => l + "\n").ToArray() },
                    new { data = new Dictionary<string, object> { ["text/plain"] = new[] { numbers.ToString() } }, execution_count = count, metadata = new { }, output_type = "execute_result" },
                    new { data = new Dictionary<string, object> { ["image/png"] = png, ["text/plain"] = new[] { "<Figure size 640x480 with 1 Axes>" } }, metadata = new { }, output_type = "display_data" },
                },
                source = new[] { "history = trainer.fit(train_loader, val_loader, epochs=40)\n", "scores = model.predict_proba(x_val)[:, 1]\n", "scores[:400]" },
            });
            size += log.Length + numbers.Length + png.Length + 400;
        }

        var notebook = new
        {
            cells,
            metadata = new { kernelspec = new { display_name = "Python 3", language = "python", name = "python3" }, language_info = new { name = "python" } },
            nbformat = 4,
            nbformat_minor = 5,
        };
        return JsonSerializer.Serialize(notebook, NotebookJson) + "\n";
    }

    private static string YamlConfig(int seed, int bytes)
    {
        var random = new Random(seed);
        var text = new StringBuilder("# Training configuration (generated benchmark file)\nexperiment: fraud-gbm\n");
        var n = 0;
        while (text.Length < bytes)
        {
            n++;
            text.Append(CultureInfo.InvariantCulture, $"run_{n}:\n  model:\n    type: gradient_boosting\n    max_depth: {random.Next(3, 12)}\n    learning_rate: {random.NextDouble() / 10:F4}\n  data:\n    train: data/train_{n}.parquet\n    valid: data/valid_{n}.parquet\n  tracking:\n    uri: http://127.0.0.1:5000\n    tags: [nightly, gbm, seed-{random.Next(100)}]\n");
        }

        return text.ToString();
    }

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
