using System.Diagnostics;
using AtlasGuard.ThreatModel.Loading;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// Loading and validating threat models: a generated pipeline of 500 components and 10 attacker profiles (the
/// issue's target is well under a second), and the fraud-partner-api example. The text is in memory, so the
/// figures are parse + schema + semantic checks + typed model, without file I/O.
/// </summary>
public class ThreatModelBenchmarks
{
    private string _large = "";
    private string _example = "";

    [GlobalSetup]
    public void Setup()
    {
        _large = ThreatModelDocuments.Pipeline(500, 10);
        _example = File.ReadAllText(ExamplePath());
        if (ThreatModelLoader.Load(_large, "generated.yaml") is { HasErrors: true } bad)
        {
            throw new InvalidOperationException("The generated model does not validate: " + string.Join("; ", bad.Diagnostics));
        }
    }

    [Benchmark(Description = "ThreatModelLoader.Load (500 components, 10 profiles, 128 KB)")]
    public int LoadLarge() => ThreatModelLoader.Load(_large, "generated.yaml").Model!.Components.Length;

    [Benchmark(Description = "ThreatModelLoader.Load (examples/threat-models/fraud-partner-api)")]
    public int LoadExample() => ThreatModelLoader.Load(_example, "pipeline.yaml").Model!.Components.Length;

    /// <summary>The first load in this fresh process, JIT and schema construction included, as a CLI run sees it.</summary>
    public static int MeasureColdStart()
    {
        var text = ThreatModelDocuments.Pipeline(500, 10);
        var watch = Stopwatch.StartNew();
        var first = ThreatModelLoader.Load(text, "generated.yaml");
        var cold = watch.Elapsed;
        watch.Restart();
        var second = ThreatModelLoader.Load(text, "generated.yaml");
        var warm = watch.Elapsed;
        Console.WriteLine(
            $"{text.Length:N0} chars, {first.Model?.Components.Length} components, {first.Model?.AttackerProfiles.Length} profiles, "
            + $"{first.Diagnostics.Length + second.Diagnostics.Length} diagnostics; first load {cold.TotalMilliseconds:F1} ms (cold, JIT included), "
            + $"second {warm.TotalMilliseconds:F1} ms");
        return first.HasErrors ? 1 : 0;
    }

    private static string ExamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtlasGuard.slnx")))
            {
                return Path.Combine(dir.FullName, "examples", "threat-models", "fraud-partner-api", "pipeline.yaml");
            }
        }

        throw new InvalidOperationException("Repository root (AtlasGuard.slnx) not found.");
    }
}
