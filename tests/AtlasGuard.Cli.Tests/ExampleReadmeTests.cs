using AtlasGuard.Testing;

namespace AtlasGuard.Cli.Tests;

/// <summary>
/// Each threat-model example's README ends with what <c>atlasguard threat-model</c> concludes about it: real
/// output, in parts separated by a line holding only "…". These tests fail when the output changes and the README
/// does not.
/// </summary>
public sealed class ExampleReadmeTests
{
    [Theory]
    [InlineData("fraud-partner-api")]
    [InlineData("llm-assistant-rag")]
    [InlineData("ray-research-cluster")]
    [InlineData("shadowray")]
    [InlineData("pytorch-dependency-chain")]
    [InlineData("poisongpt")]
    public async Task The_readme_quotes_the_current_conclusions(string example)
    {
        var model = RepoPaths.InRepo("examples", "threat-models", example, "pipeline.yaml");
        var readme = File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", example, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var prompt = $"$ atlasguard threat-model examples/threat-models/{example}/pipeline.yaml\n";
        var start = readme.IndexOf(prompt, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{example}/README.md has no block starting with '{prompt.TrimEnd()}'.");
        start += prompt.Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var (code, output) = await CliRunner.RunWithWidthAsync(200, "threat-model", model, "--atlas-data", "embedded");

        Assert.Equal(0, code);
        var actual = Normalize(output);
        foreach (var part in block.Split("\n…\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Contains(Normalize(part).Trim('\n'), actual, StringComparison.Ordinal);
        }
    }

    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()));
}
