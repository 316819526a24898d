using System.Diagnostics;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Rules;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// The threat-model engine: every built-in rule over a generated pipeline of 500 components and 10 attacker
/// profiles (scoring, aggregates and attack paths included), alone and together with loading the document. The
/// issue's target is under a second for load + evaluate.
/// </summary>
public class ThreatEngineBenchmarks
{
    private string _text = "";
    private PipelineModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = ThreatModelDocuments.Pipeline(500, 10);
        _model = ThreatModelLoader.Load(_text, "generated.yaml").Model
            ?? throw new InvalidOperationException("The generated model does not validate.");
        _ = ThreatRuleSet.Embedded;
    }

    [Benchmark(Description = "ThreatModelEngine.Evaluate (500 components, 10 profiles, all rules)")]
    public int Evaluate() => ThreatModelEngine.Evaluate(_model).Threats.Length;

    [Benchmark(Description = "Load + Evaluate (500 components, 10 profiles)")]
    public int LoadAndEvaluate() => ThreatModelEngine.Evaluate(ThreatModelLoader.Load(_text, "generated.yaml").Model!).Threats.Length;

    /// <summary>Load + rules + evaluate in this fresh process, JIT included, as a CLI run sees it.</summary>
    public static int MeasureColdStart()
    {
        var text = ThreatModelDocuments.Pipeline(500, 10);
        var watch = Stopwatch.StartNew();
        var model = ThreatModelLoader.Load(text, "generated.yaml").Model!;
        var loaded = watch.Elapsed;
        var rules = ThreatRuleSet.Embedded;
        var ruled = watch.Elapsed;
        var result = ThreatModelEngine.Evaluate(model);
        var cold = watch.Elapsed;
        watch.Restart();
        var again = ThreatModelEngine.Evaluate(model);
        var warm = watch.Elapsed;
        watch.Restart();
        _ = ThreatModelEngine.Evaluate(model, new ThreatEvaluationOptions { PathOptions = new() { MaxExpansions = 0 } });
        var withoutPaths = watch.Elapsed;
        Console.WriteLine(
            $"{model.Components.Length} components, {model.AttackerProfiles.Length} profiles, {rules.Rules.Length} rules: "
            + $"{result.Threats.Length} threats, {result.NotApplicable} not applicable, {result.Paths.Length} paths, {result.Diagnostics.Length} diagnostics; "
            + $"load {loaded.TotalMilliseconds:F0} ms, rules {(ruled - loaded).TotalMilliseconds:F0} ms, evaluate {(cold - ruled).TotalMilliseconds:F0} ms, "
            + $"total {cold.TotalMilliseconds:F0} ms (cold, JIT included); second evaluate {warm.TotalMilliseconds:F0} ms ({again.Threats.Length} threats), "
            + $"without the path search {withoutPaths.TotalMilliseconds:F0} ms");
        return result.Diagnostics.Length == 0 ? 0 : 1;
    }
}
