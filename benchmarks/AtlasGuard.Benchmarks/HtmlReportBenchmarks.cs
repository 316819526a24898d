using AtlasGuard.Core.Scanning;
using AtlasGuard.Detectors;
using AtlasGuard.Reporting;
using AtlasGuard.Testing;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// Writing the self-contained HTML report for 1,000 findings of the real rules (their own remediation and ATLAS
/// mapping, varied paths, archive members and evidence; <see cref="SyntheticFindings"/>, the data of the size test),
/// into a reused memory stream. The SARIF writer on the same result is the comparison.
/// </summary>
public class HtmlReportBenchmarks : IDisposable
{
    private readonly MemoryStream _output = new(2 << 20);
    private ScanResult _result = null!;

    [GlobalSetup]
    public void Setup()
    {
        _result = SyntheticFindings.Create(SyntheticFindings.Distinct(BuiltInDetectors.CreateSet(DetectorOptions.Default).Rules), 1000);
        Console.WriteLine($"// HTML report size for 1,000 findings: {Write("html"):N0} bytes; SARIF: {Write("sarif"):N0} bytes");
    }

    [Benchmark(Description = "HtmlReportWriter, 1,000 findings")]
    public long Html() => Write("html");

    [Benchmark(Baseline = true, Description = "SarifReportWriter, 1,000 findings")]
    public long Sarif() => Write("sarif");

    public void Dispose()
    {
        _output.Dispose();
        GC.SuppressFinalize(this);
    }

    private long Write(string format)
    {
        _output.SetLength(0);
        ReportWriters.All[format].WriteAsync(_result, ReportContext.Default, _output).GetAwaiter().GetResult();
        return _output.Length;
    }
}
