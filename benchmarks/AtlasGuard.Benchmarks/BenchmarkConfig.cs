using AtlasGuard.Benchmarks.Fixtures;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// Short runs for a small machine: one process (in-process toolchain, no generated project to build), one warm-up
/// and five measured iterations, allocations from the MemoryDiagnoser, and an MB/s column for benchmarks that read
/// a whole fixture. Reports go next to the fixtures, not into the working tree.
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithId("Short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(new ThroughputColumn())
        .WithArtifactsPath(Path.Combine(BenchmarkFiles.Directory, "BenchmarkDotNet.Artifacts"));
}

/// <summary>Marks a benchmark that processes a whole fixture, for the MB/s column.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProcessesAttribute(Fixture fixture) : Attribute
{
    public Fixture Fixture { get; } = fixture;
}

/// <summary>MB/s (10^6 bytes per second) of the fixture named by <see cref="ProcessesAttribute"/>.</summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Fixture bytes / mean time, in 10^6 bytes per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var attribute = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttributes(typeof(ProcessesAttribute), false)
            .OfType<ProcessesAttribute>().FirstOrDefault();
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var path = attribute is null ? null : BenchmarkFiles.PathOf(attribute.Fixture);
        if (mean is null or <= 0 || path is null || !File.Exists(path))
        {
            return "-";
        }

        var megabytesPerSecond = new FileInfo(path).Length / 1e6 / (mean.Value / 1e9);
        return megabytesPerSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
