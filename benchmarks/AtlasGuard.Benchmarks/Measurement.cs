using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace AtlasGuard.Benchmarks;

/// <summary>What <c>--peak-memory</c> prints: time, bytes read, CPU, peak working set and GC figures since <see cref="Start"/>.</summary>
internal sealed class Measurement
{
    private readonly long _startWorkingSet;
    private readonly TimeSpan _startCpu;
    private readonly long _startRead;
    private readonly Stopwatch _stopwatch;

    private Measurement()
    {
        using var process = Process.GetCurrentProcess();
        _startWorkingSet = process.WorkingSet64;
        _startCpu = process.TotalProcessorTime;
        _startRead = Scans.BytesReadSoFar();
        _stopwatch = Stopwatch.StartNew();
    }

    public static Measurement Start() => new();

    public void Print(string name, string path, long length, string outcome)
    {
        _stopwatch.Stop();
        var bytesRead = Scans.BytesReadSoFar() - _startRead;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime - _startCpu;
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var lines = new (string, string)[]
        {
            ("case", name),
            ("file", $"{path} ({length:N0} bytes)"),
            ("result", outcome),
            ("elapsed", $"{_stopwatch.Elapsed.TotalMilliseconds:N0} ms ({length / 1e6 / _stopwatch.Elapsed.TotalSeconds:N0} MB/s)"),
            ("bytes read (rchar)", _startRead < 0 ? "n/a" : $"{bytesRead:N0}"),
            ("CPU time (all threads)", $"{cpu.TotalMilliseconds:N0} ms"),
            ("working set at start", Mib(_startWorkingSet)),
            ("peak working set", Mib(process.PeakWorkingSet64)),
            ("working set at end", Mib(process.WorkingSet64)),
            ("private memory at end", Mib(process.PrivateMemorySize64)),
            ("allocated (GC, precise)", Mib(GC.GetTotalAllocatedBytes(precise: true))),
            ("GC heap at end", Mib(GC.GetTotalMemory(forceFullCollection: false))),
            ("GC committed (last GC)", Mib(info.TotalCommittedBytes)),
            ("GC heap size (last GC)", Mib(info.HeapSizeBytes)),
            ("collections gen0/1/2", $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"),
            ("GC pause total", $"{GC.GetTotalPauseDuration().TotalMilliseconds:N0} ms"),
            ("GC mode", $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}, "
                + $"large-object threshold {AppContext.GetData("System.GC.LOHThreshold") ?? "default (85,000 bytes)"}"),
        };
        foreach (var (label, value) in lines)
        {
            Console.WriteLine($"{label,-24} {value}");
        }
    }

    private static string Mib(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MiB ({bytes / 1e6:N1} MB)");
}
