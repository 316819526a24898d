using System.Text;
using AtlasGuard.Reporting.ThreatModel;
using AtlasGuard.Testing;
using NJsonSchema;
using Spectre.Console;

namespace AtlasGuard.Reporting.Tests.ThreatModel;

public sealed class ThreatModelWriterTests
{
    [Fact]
    public void Console_report_matches_the_golden_file()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;

        ThreatModelConsoleWriter.Write(ThreatModelSamples.Shadowray(), console);

        var text = writer.ToString();
        Golden.Verify("AtlasGuard.Reporting.Tests", "threat-model/shadowray.console.txt", text);
        Assert.Contains("observed", text, StringComparison.Ordinal);
        Assert.Contains("Cheapest mitigations", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_report_matches_the_golden_file()
    {
        var text = ThreatModelMarkdownWriter.Render(ThreatModelSamples.Shadowray());

        Golden.Verify("AtlasGuard.Reporting.Tests", "threat-model/shadowray.md", text);
        Assert.StartsWith("# Threat model: shadowray\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_matches_the_golden_file_and_is_byte_identical_across_runs()
    {
        var first = Json();

        Golden.Verify("AtlasGuard.Reporting.Tests", "threat-model/shadowray.json", first);
        Assert.Equal(first, Json());
    }

    [Fact]
    public async Task Json_validates_against_the_published_schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.InRepo("docs", "threat-model-result-schema.json"));

        var errors = schema.Validate(Json());

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        var broken = Json().Replace("\"band\": \"critical\"", "\"band\": \"severe\"", StringComparison.Ordinal);
        Assert.NotEmpty(schema.Validate(broken));
    }

    [Fact]
    public void Cheapest_mitigations_sum_the_residual_risk_of_open_threats_that_lack_them()
    {
        var result = ThreatModelSamples.Shadowray();

        var summary = ThreatModelSummary.Of(result);

        var open = result.Threats.Where(t => t.IsOpen).ToList();
        foreach (var gain in summary.CheapestMitigations)
        {
            var lacking = open.Where(t => t.ControlsMissing.Contains(gain.MitigationId)).ToList();
            Assert.Equal(lacking.Sum(t => t.Score.ResidualRisk), gain.ResidualRisk);
            Assert.Equal(lacking.Count, gain.Threats);
        }

        Assert.True(summary.CheapestMitigations.Select(g => g.ResidualRisk).SequenceEqual(summary.CheapestMitigations.Select(g => g.ResidualRisk).OrderDescending()));
        Assert.True(summary.Observed > 0);
    }

    private static string Json()
    {
        using var stream = new MemoryStream();
        ThreatModelJsonWriter.Write(ThreatModelSamples.Shadowray(), stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
