using System.Globalization;
using System.Text;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Detectors;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// The CI and package-index detectors through the whole engine (issue 6 item 5): a generated tree of 600 repositories with
/// 4,800 workflow, composite-action, requirements, pip.conf and Dockerfile files (a third of them with planted problems),
/// a 12 MB workflow whose one run: block holds 150,000 expressions, and a 100 MB single-line shell script full of
/// <c>--extra-index-url</c> flags. Only the CI and package-index detectors run, so the figures are theirs.
/// </summary>
public class CiScanBenchmarks
{
    private string _root = "";
    private ScanEngine _engine = null!;
    private ScanEngine _bare = null!;

    [Params("tree-4800-files", "workflow-12mb-run-block", "script-100mb-one-line")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "atlasguard-ci-bench-" + Case);
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        Directory.CreateDirectory(_root);
        switch (Case)
        {
            case "tree-4800-files":
                CiTree.Write(_root, repositories: 600);
                break;
            case "workflow-12mb-run-block":
                CiTree.WriteHugeWorkflow(Path.Combine(_root, ".github", "workflows", "huge.yml"), 12_000_000);
                break;
            default:
                CiTree.WriteLongLine(Path.Combine(_root, "setup.sh"), 100_000_000);
                break;
        }

        var detectors = BuiltInDetectors.CreateDetectors(DetectorOptions.Default).Where(d => d.Id is "github-actions" or "package-index").ToList();
        _engine = new ScanEngine(new DetectorSet(detectors, [], []));
        _bare = new ScanEngine(new DetectorSet([], [], []));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Description = "ScanEngine.ScanAsync, CI + package-index detectors, Jobs = 1")]
    public async Task<int> Scan() => (await _engine.ScanAsync(new ScanRequest { Paths = [_root], Jobs = 1 })).Findings.Length;

    /// <summary>The engine alone (discovery, sniffing, no detector): what the detectors add is the difference.</summary>
    [Benchmark(Baseline = true, Description = "ScanEngine.ScanAsync, no detectors, Jobs = 1")]
    public async Task<int> EngineOnly() => (await _bare.ScanAsync(new ScanRequest { Paths = [_root], Jobs = 1 })).Statistics.FilesScanned;
}

/// <summary>Writes the generated inputs of <see cref="CiScanBenchmarks"/>.</summary>
internal static class CiTree
{
    private const string Pin = "11bd71901bbe5b1630ceea73d27597364c9af683";

    public static void Write(string root, int repositories)
    {
        for (var i = 0; i < repositories; i++)
        {
            var repo = Path.Combine(root, "repo-" + i.ToString("D4", CultureInfo.InvariantCulture));
            var planted = i % 3 == 0;
            for (var w = 0; w < 3; w++)
            {
                Save(Path.Combine(repo, ".github", "workflows", $"wf{w}.yml"), Workflow(planted && w == 0, w));
            }

            Save(Path.Combine(repo, ".github", "actions", "setup", "action.yml"),
                $"name: setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-python@{Pin}\n    - shell: bash\n      env:\n        REF: ${{{{ github.head_ref }}}}\n      run: echo \"$REF\" && pip install -r requirements.txt\n");
            Save(Path.Combine(repo, "requirements.txt"), (planted ? "--extra-index-url https://pkgs.example.com/simple\n" : "--index-url https://mirror.example.com/simple\n")
                + string.Concat(Enumerable.Range(0, 40).Select(p => $"package-{p}==1.{p}.0 --hash=sha256:{new string('a', 64)}\n")));
            Save(Path.Combine(repo, "requirements-dev.txt"), "pytest==8.2.2\nruff==0.4.8\nmypy==1.10.0\n");
            Save(Path.Combine(repo, "pip.conf"), "[global]\nindex-url = https://mirror.example.com/simple\ntimeout = 60\n");
            Save(Path.Combine(repo, "Dockerfile"), "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"python\", \"serve.py\"]\n");
        }
    }

    private static string Workflow(bool planted, int index)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"name: Workflow {index}\non:\n  {(planted ? "pull_request_target" : "pull_request")}:\n  push:\n    branches: [main]\n");
        sb.Append("permissions:\n  contents: read\njobs:\n");
        for (var j = 0; j < 4; j++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  job{j}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@{(planted ? "v4" : Pin)}\n        with:\n");
            sb.Append(planted ? "          ref: ${{ github.event.pull_request.head.sha }}\n" : "          persist-credentials: false\n");
            sb.Append(CultureInfo.InvariantCulture, $"      - uses: actions/setup-python@{Pin}\n        with:\n          python-version: \"3.12\"\n");
            sb.Append("      - name: Test\n        env:\n          TITLE: ${{ github.event.pull_request.title }}\n        run: |\n");
            sb.Append("          pip install --require-hashes -r requirements.txt\n          pytest -q tests/\n          echo \"$TITLE\"\n");
            if (planted)
            {
                sb.Append("          echo \"${{ github.head_ref }}\"\n");
            }
        }

        return sb.ToString();
    }

    public static void WriteHugeWorkflow(string path, int bytes)
    {
        var sb = new StringBuilder("on: issues\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n", bytes + 256);
        while (sb.Length < bytes)
        {
            sb.Append("          echo \"${{ github.event.issue.title }}\" ${{ github.sha }} \"${{ github.event.comment.body }}\" done\n");
        }

        Save(path, sb.ToString());
    }

    public static void WriteLongLine(string path, int bytes)
    {
        var sb = new StringBuilder(bytes + 128);
        while (sb.Length < bytes)
        {
            sb.Append("pip install x --extra-index-url https://pkgs.example.com/simple ; ");
        }

        Save(path, sb.ToString());
    }

    private static void Save(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
