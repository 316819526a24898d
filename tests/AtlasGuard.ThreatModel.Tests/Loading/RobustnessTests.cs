using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Tests.Loading;

/// <summary>Truncated and mutated copies of the examples: the loader must answer with diagnostics, never throw.</summary>
public class RobustnessTests
{
    private const string Noise = " \t\n:-[]{}&*!|>'\"#%@`,?<=~0aZ\u00e9\u0000";

    public static TheoryData<string> Examples() => ["fraud-partner-api", "llm-assistant-rag", "ray-research-cluster"];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_truncation_of_an_example_loads_or_reports_without_throwing(string name)
    {
        var text = File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", name, "pipeline.yaml"));
        var checkedCount = 0;
        for (var length = 0; length < text.Length; length += 7)
        {
            Check(text[..length], $"{name} truncated to {length}");
            checkedCount++;
        }

        Assert.True(checkedCount > 100);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Random_mutations_of_an_example_load_or_report_without_throwing(string name)
    {
        var text = File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", name, "pipeline.yaml"));
        var random = new Random(20261126 + name.Length);
        var failures = 0;
        for (var round = 0; round < 300; round++)
        {
            var chars = text.ToCharArray().ToList();
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars[at] = Noise[random.Next(Noise.Length)]; break;
                    case 1: chars.RemoveAt(at); break;
                    default: chars.Insert(at, Noise[random.Next(Noise.Length)]); break;
                }
            }

            failures += Check(new string([.. chars]), $"{name} round {round}") ? 0 : 1;
        }

        Assert.True(failures > 0, "mutations should break at least some documents");
    }

    private static bool Check(string text, string what)
    {
        var result = ThreatModelLoader.Load(text, "fuzz.yaml");
        Assert.True(result.Model is not null || result.HasErrors, $"{what}: no model and no error");
        Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 0 && d.Column >= 0 && d.Message.Length > 0, what + ": " + d));
        return !result.HasErrors;
    }
}

public class ConcurrencyTests
{
    [Fact]
    public void Loading_in_parallel_gives_the_same_answers_as_loading_in_turn()
    {
        var valid = File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", "llm-assistant-rag", "pipeline.yaml"));
        var invalid = valid.Replace("api: custom_rest", "api: custom_rets", StringComparison.Ordinal);
        var outcomes = new bool[64];

        Parallel.For(0, outcomes.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            outcomes[i] = ThreatModelLoader.Load(i % 2 == 0 ? valid : invalid, "p.yaml").HasErrors);

        Assert.All(outcomes.Select((hasErrors, i) => (hasErrors, i)), o => Assert.Equal(o.i % 2 == 1, o.hasErrors));
    }
}
