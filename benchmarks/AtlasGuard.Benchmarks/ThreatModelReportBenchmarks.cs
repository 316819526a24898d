using AtlasGuard.Reporting.ThreatModel;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Loading;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// Writing the file reports of a threat model: the generated pipeline of 500 components and 10 attacker profiles
/// (<see cref="ThreatModelDocuments"/>), evaluated once, written as the HTML page, the Navigator layer and SARIF into
/// a reused memory stream. The JSON writer on the same result is the comparison.
/// </summary>
public class ThreatModelReportBenchmarks : IDisposable
{
    private readonly MemoryStream _output = new(8 << 20);
    private ThreatModelReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = ThreatModelLoader.Load(ThreatModelDocuments.Pipeline(500, 10), "generated.yaml").Model
            ?? throw new InvalidOperationException("The generated model does not validate.");
        _report = new ThreatModelReport(ThreatModelEngine.Evaluate(model), model);
        Console.WriteLine($"// 500-component model: {_report.Result.Threats.Length:N0} threats, {_report.Result.Paths.Length} paths; "
            + $"HTML {Html():N0} bytes, Navigator {Navigator():N0} bytes, SARIF {Sarif():N0} bytes, JSON {Json():N0} bytes");
    }

    [Benchmark(Description = "ThreatModelHtmlWriter, 500 components")]
    public long Html()
    {
        _output.SetLength(0);
        ThreatModelHtmlWriter.WriteAsync(_report, _output).GetAwaiter().GetResult();
        return _output.Length;
    }

    [Benchmark(Description = "ThreatModelNavigatorWriter, 500 components")]
    public long Navigator() => Write(s => ThreatModelNavigatorWriter.Write(_report, s));

    [Benchmark(Description = "ThreatModelSarifWriter, 500 components")]
    public long Sarif() => Write(s => ThreatModelSarifWriter.Write(_report, s));

    [Benchmark(Baseline = true, Description = "ThreatModelJsonWriter, 500 components")]
    public long Json() => Write(s => ThreatModelJsonWriter.Write(_report.Result, s));

    public void Dispose()
    {
        _output.Dispose();
        GC.SuppressFinalize(this);
    }

    private long Write(Action<Stream> write)
    {
        _output.SetLength(0);
        write(_output);
        return _output.Length;
    }
}
