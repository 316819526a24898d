using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Tests.Evaluation;

/// <summary>Loads example pipelines (as text, so tests can tweak them) and evaluates them.</summary>
internal static class Pipelines
{
    public static string Text(string example) =>
        File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", example, "pipeline.yaml"));

    public static PipelineModel Load(string text, string name = "pipeline.yaml")
    {
        var result = ThreatModelLoader.Load(text, name);
        Assert.True(result.Model is not null, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Model;
    }

    public static PipelineModel Example(string example) => Load(Text(example), example + "/pipeline.yaml");

    public static ThreatModelResult Evaluate(PipelineModel model, DateOnly? today = null) =>
        ThreatModelEngine.Evaluate(model, new ThreatEvaluationOptions { Time = new FixedTime(today ?? new DateOnly(2026, 11, 26)) });

    /// <summary>Replaces exactly one occurrence; fails if the text is not there once.</summary>
    /// <summary>The text with every component's <c>sources</c> line removed, for tests that place findings themselves.</summary>
    public static string WithoutSources(string text) =>
        string.Join('\n', text.Split('\n').Where(line => !line.StartsWith("    sources: ", StringComparison.Ordinal)));

    public static string Tweak(string text, string find, string replace)
    {
        var first = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{find}' not found");
        Assert.True(text.IndexOf(find, first + 1, StringComparison.Ordinal) < 0, $"'{find}' found more than once");
        return string.Concat(text.AsSpan(0, first), replace, text.AsSpan(first + find.Length));
    }

    /// <summary>Each threat as "KEY Applicability/Mitigation".</summary>
    public static Dictionary<string, string> States(ThreatModelResult result) =>
        result.Threats.ToDictionary(t => t.Key, t => $"{t.Applicability}/{t.Mitigation}", StringComparer.Ordinal);

    /// <summary>What changed between two results: "-KEY", "+KEY state" or "~KEY old -> new", sorted.</summary>
    public static List<string> Diff(ThreatModelResult before, ThreatModelResult after)
    {
        var a = States(before);
        var b = States(after);
        var lines = new List<string>();
        lines.AddRange(a.Keys.Except(b.Keys).Select(k => "-" + k));
        lines.AddRange(b.Keys.Except(a.Keys).Select(k => $"+{k} {b[k]}"));
        lines.AddRange(a.Keys.Intersect(b.Keys).Where(k => a[k] != b[k]).Select(k => $"~{k} {a[k]} -> {b[k]}"));
        return [.. lines.Order(StringComparer.Ordinal)];
    }
}

/// <summary>A clock stopped at midnight UTC of one day.</summary>
internal sealed class FixedTime(DateOnly day) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
