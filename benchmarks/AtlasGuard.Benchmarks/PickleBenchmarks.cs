using AtlasGuard.Benchmarks.Fixtures;
using AtlasGuard.Formats.Pickle;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// Target 1: a 1 GiB pickle of large arrays scans at least as fast as the file can be read sequentially, in under
/// 100 MB.
/// </summary>
public class LargeArrayBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkFiles.Ensure(Fixture.LargeArray);
        Scans.EnsureComplete(Scans.Analyze(_path), _path);
        _ = Scans.ReadAll(_path); // warm the page cache for both
    }

    [Benchmark(Baseline = true, Description = "Read 1 GiB (FileStream, 1 MiB buffer)")]
    [Processes(Fixture.LargeArray)]
    public long SequentialRead() => Scans.ReadAll(_path);

    [Benchmark(Description = "PickleAnalyzer.AnalyzeFile")]
    [Processes(Fixture.LargeArray)]
    public PickleOutcome Analyze() => Scans.Analyze(_path).Outcome;

    [Benchmark(Description = "ScanEngine.ScanAsync")]
    [Processes(Fixture.LargeArray)]
    public async Task<int> Scan() => (await Scans.ScanAsync(_path)).Findings.Length;
}

/// <summary>
/// Target 2: an opcode-dense pickle (millions of small objects) scans at 300 MB/s or more on one core. The optimised
/// variant (same records, no MEMOIZE for objects never fetched again) is a control that separates the interpreter's
/// own speed from the cost of the memo.
/// </summary>
public class OpcodeDenseBenchmarks
{
    private string _path = "";
    private string _optimizedPath = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkFiles.Ensure(Fixture.OpcodeDense);
        _optimizedPath = BenchmarkFiles.Ensure(Fixture.OpcodeDenseOptimized);
        Scans.EnsureComplete(Scans.Analyze(_path), _path);
        Scans.EnsureComplete(Scans.Analyze(_optimizedPath), _optimizedPath);
        _ = Scans.ReadAll(_path);
        _ = Scans.ReadAll(_optimizedPath);
    }

    [Benchmark(Baseline = true, Description = "Read (FileStream, 1 MiB buffer)")]
    [Processes(Fixture.OpcodeDense)]
    public long SequentialRead() => Scans.ReadAll(_path);

    [Benchmark(Description = "PickleAnalyzer.AnalyzeFile")]
    [Processes(Fixture.OpcodeDense)]
    public PickleOutcome Analyze() => Scans.Analyze(_path).Outcome;

    [Benchmark(Description = "AnalyzeFile, optimised pickle (control)")]
    [Processes(Fixture.OpcodeDenseOptimized)]
    public PickleOutcome AnalyzeOptimized() => Scans.Analyze(_optimizedPath).Outcome;
}

/// <summary>Target 3: a PyTorch zip checkpoint scans in a time independent of its tensor size (whole engine).</summary>
public class TorchZipBenchmarks
{
    private string _path = "";

    [Params(Fixture.TorchZip16MiB, Fixture.TorchZip2GiB)]
    public Fixture Checkpoint { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkFiles.Ensure(Checkpoint);
        var result = Scans.ScanAsync(_path).GetAwaiter().GetResult();
        if (result.Statistics.FilesScanned != 1 || result.Statistics.MembersScanned == 0)
        {
            throw new InvalidOperationException($"{_path}: {result.Statistics}");
        }
    }

    [Benchmark(Description = "ScanEngine.ScanAsync")]
    public async Task<int> Scan() => (await Scans.ScanAsync(_path)).Findings.Length;
}

/// <summary>
/// Other model formats: a 10 GiB safetensors file, a 5 GiB ONNX model with external data, a 4 GiB GGUF file and a
/// folder of all of them plus the 1 GiB pickle and 2 GiB checkpoint, each scanned by the whole engine on one job.
/// The weights are sparse holes: the scan should read headers and metadata only, so its time should not depend on
/// the file size; each large case has a small one with the same headers over less data to compare with.
/// </summary>
public class OtherFormatBenchmarks
{
    private string _path = "";

    [Params(Fixture.Safetensors40MiB, Fixture.Safetensors10GiB, Fixture.OnnxExternal20MiB, Fixture.OnnxExternal5GiB,
        Fixture.Gguf16MiB, Fixture.Gguf4GiB, Fixture.MixedFolder)]
    public Fixture Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkFiles.Ensure(Case);
        Scans.EnsureBenign(Scans.ScanOneJobAsync(_path).GetAwaiter().GetResult(), _path, Scans.ExpectedFiles(Case));
    }

    [Benchmark(Description = "ScanEngine.ScanAsync, Jobs = 1")]
    public async Task<int> Scan() => (await Scans.ScanOneJobAsync(_path)).Findings.Length;
}
