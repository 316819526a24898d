using AtlasGuard.Benchmarks.Fixtures;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Detectors;
using AtlasGuard.Formats.Pickle;

namespace AtlasGuard.Benchmarks;

/// <summary>The measured operations, shared by the BenchmarkDotNet classes and the <c>--peak-memory</c> mode.</summary>
internal static class Scans
{
    /// <summary>The "cat" baseline: the whole file read sequentially through a FileStream into a 1 MiB buffer.</summary>
    public static long ReadAll(string path)
    {
        var buffer = new byte[1 << 20];
        using var stream = OpenFile(path);
        long total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary><see cref="PickleAnalyzer.AnalyzeFile"/> over a FileStream opened as the scan engine opens files
    /// (unbuffered: the analyser has its own buffer).</summary>
    public static PickleFileReport Analyze(string path)
    {
        using var stream = OpenFile(path);
        return PickleAnalyzer.AnalyzeFile(stream);
    }

    /// <summary>The whole engine with the built-in detectors, as the CLI runs it.</summary>
    public static Task<ScanResult> ScanAsync(string path) =>
        new ScanEngine(BuiltInDetectors.CreateSet(DetectorOptions.Default)).ScanAsync(new ScanRequest { Paths = [path] });

    /// <summary>The whole engine on one job (one file at a time), as the other-format benchmarks run it.</summary>
    public static Task<ScanResult> ScanOneJobAsync(string path) =>
        new ScanEngine(BuiltInDetectors.CreateSet(DetectorOptions.Default)).ScanAsync(new ScanRequest { Paths = [path], Jobs = 1 });

    /// <summary>Fails loudly when a scan of a benign fixture skipped a file or reported anything at medium or above,
    /// so that a broken fixture cannot pass as a fast scan.</summary>
    public static void EnsureBenign(ScanResult result, string path, int files)
    {
        var serious = result.Findings.Where(f => f.Severity >= Severity.Medium).ToList();
        if (serious.Count > 0 || result.Statistics.FilesScanned != files || result.Statistics.FilesSkipped != 0)
        {
            throw new InvalidOperationException(
                $"{path}: {result.Statistics}; " + string.Join("; ", serious.Select(f => $"{f.Severity} {f.RuleId}: {f.Message}")));
        }
    }

    /// <summary>How many files a scan of the fixture reads: the folder cases count each file on disk.</summary>
    public static int ExpectedFiles(Fixture fixture) => fixture switch
    {
        Fixture.OnnxExternal5GiB or Fixture.OnnxExternal20MiB => 2,
        Fixture.MixedFolder => 6,
        _ => 1,
    };

    /// <summary>Bytes this process has read through read(2) and friends so far (rchar in /proc/self/io), or -1.</summary>
    public static long BytesReadSoFar()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/io"))
            {
                if (line.StartsWith("rchar:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return -1;
    }

    /// <summary>Fails loudly when an analysis did not run to the end, so that a fast number cannot come from an
    /// early stop.</summary>
    public static void EnsureComplete(PickleFileReport report, string path)
    {
        if (report.Outcome != PickleOutcome.Complete || report.Streams.Count != 1)
        {
            var stream = report.Streams.FirstOrDefault();
            throw new InvalidOperationException(
                $"{path}: analysis ended {report.Outcome} after {stream?.OpcodeCount ?? 0} opcodes ({report.Problem ?? stream?.Problem})");
        }
    }

    private static FileStream OpenFile(string path) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            Options = FileOptions.None,
        });
}
