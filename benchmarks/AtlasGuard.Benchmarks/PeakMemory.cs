using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using AtlasGuard.Benchmarks.Fixtures;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// <c>--peak-memory &lt;case&gt;</c>: one operation in this fresh process, then the process's peak working set
/// (VmHWM on Linux) and the GC's figures. A missing fixture is generated in a child process first, so that the
/// generator's memory never counts. <c>large-array-read</c> is the sequential-read baseline on the large-array file:
/// the floor set by the runtime itself.
/// </summary>
internal static class PeakMemory
{
    public static async Task<int> RunAsync(string name)
    {
        var readOnly = string.Equals(name, "large-array-read", StringComparison.OrdinalIgnoreCase);
        if (!BenchmarkFiles.TryParse(readOnly ? "large-array" : name, out var fixture))
        {
            Console.Error.WriteLine($"unknown case '{name}'");
            return 2;
        }

        var path = BenchmarkFiles.PathOf(fixture);
        if (!BenchmarkFiles.Exists(fixture) && !GenerateInChildProcess(fixture))
        {
            return 1;
        }

        using var process = Process.GetCurrentProcess();
        var startWorkingSet = process.WorkingSet64;
        var startCpu = process.TotalProcessorTime;
        var startRead = Scans.BytesReadSoFar();
        var stopwatch = Stopwatch.StartNew();
        string outcome;
        if (readOnly)
        {
            outcome = $"read {Scans.ReadAll(path):N0} bytes";
        }
        else if (fixture is Fixture.TorchZip16MiB or Fixture.TorchZip2GiB)
        {
            var result = await Scans.ScanAsync(path);
            outcome = $"engine: {result.Statistics.FilesScanned} file(s), {result.Statistics.MembersScanned} member(s), "
                + $"{result.Findings.Length} finding(s)";
        }
        else if (fixture is Fixture.Safetensors10GiB or Fixture.OnnxExternal5GiB or Fixture.Gguf4GiB or Fixture.MixedFolder
                 or Fixture.Safetensors40MiB or Fixture.OnnxExternal20MiB or Fixture.Gguf16MiB)
        {
            var result = await Scans.ScanOneJobAsync(path);
            Scans.EnsureBenign(result, path, Scans.ExpectedFiles(fixture));
            outcome = $"engine, Jobs = 1: {result.Statistics.FilesScanned} file(s), {result.Statistics.FilesSkipped} skipped, "
                + $"{result.Statistics.MembersScanned} member(s), {result.Findings.Length} finding(s) "
                + $"({string.Join(", ", result.Findings.Select(f => $"{f.Severity} {f.RuleId}"))})";
        }
        else
        {
            var report = Scans.Analyze(path);
            var stream = report.Streams.FirstOrDefault();
            outcome = $"{report.Outcome}, {stream?.OpcodeCount:N0} opcodes, {stream?.ImportCount} import(s), {stream?.CallCount:N0} call(s)";
        }

        stopwatch.Stop();
        var bytesRead = Scans.BytesReadSoFar() - startRead;
        process.Refresh();
        var cpu = process.TotalProcessorTime - startCpu;
        var length = BenchmarkFiles.SizeOf(fixture);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var lines = new (string, string)[]
        {
            ("case", name),
            ("file", $"{path} ({length:N0} bytes)"),
            ("result", outcome),
            ("elapsed", $"{stopwatch.Elapsed.TotalMilliseconds:N0} ms ({length / 1e6 / stopwatch.Elapsed.TotalSeconds:N0} MB/s)"),
            ("bytes read (rchar)", startRead < 0 ? "n/a" : $"{bytesRead:N0}"),
            ("CPU time (all threads)", $"{cpu.TotalMilliseconds:N0} ms"),
            ("working set at start", Mib(startWorkingSet)),
            ("peak working set", Mib(process.PeakWorkingSet64)),
            ("working set at end", Mib(process.WorkingSet64)),
            ("private memory at end", Mib(process.PrivateMemorySize64)),
            ("allocated (GC, precise)", Mib(GC.GetTotalAllocatedBytes(precise: true))),
            ("GC heap at end", Mib(GC.GetTotalMemory(forceFullCollection: false))),
            ("GC committed (last GC)", Mib(info.TotalCommittedBytes)),
            ("GC heap size (last GC)", Mib(info.HeapSizeBytes)),
            ("collections gen0/1/2", $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"),
            ("GC pause total", $"{GC.GetTotalPauseDuration().TotalMilliseconds:N0} ms"),
            ("GC mode", $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}"),
        };
        foreach (var (label, value) in lines)
        {
            Console.WriteLine($"{label,-24} {value}");
        }

        return 0;
    }

    private static string Mib(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MiB ({bytes / 1e6:N1} MB)");

    private static bool GenerateInChildProcess(Fixture fixture)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet");
        if (string.Equals(Path.GetFileNameWithoutExtension(start.FileName), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(PeakMemory).Assembly.Location);
        }

        start.ArgumentList.Add("--generate");
        start.ArgumentList.Add(BenchmarkFiles.NameOf(fixture));
        start.RedirectStandardOutput = true; // keep this mode's stdout to the measurement alone
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the generator");
        Console.Error.Write(child.StandardOutput.ReadToEnd());
        child.WaitForExit();
        return child.ExitCode == 0;
    }
}
