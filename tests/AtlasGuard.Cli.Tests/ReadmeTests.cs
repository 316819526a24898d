using AtlasGuard.Testing;

namespace AtlasGuard.Cli.Tests;

/// <summary>The README's tour shows real output; these tests fail when the output changes and the README does not.</summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepoPaths.InRepo("README.md"));

    [Fact]
    public async Task Readme_shows_the_current_example_scan()
    {
        Directory.SetCurrentDirectory(RepoPaths.Root);
        var (_, output) = await CliRunner.RunWithWidthAsync(200, "scan", "examples/fraud-detection", "--no-progress");

        AssertShows(Block("$ atlasguard scan examples/fraud-detection"), Normalize(output));
    }

    [Fact]
    public async Task Readme_shows_the_current_rule_list()
    {
        var (_, output) = await CliRunner.RunWithWidthAsync(200, "rules");

        AssertShows(Block("$ atlasguard rules"), Normalize(output));
    }

    [Fact]
    public async Task Readme_shows_the_current_atlas_technique()
    {
        var (_, output) = await CliRunner.RunWithWidthAsync(200, "atlas", "technique", "AML.T0010.003");

        Assert.Contains(Block("$ atlasguard atlas technique AML.T0010.003"), Normalize(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readme_shows_the_current_threat_model_excerpt()
    {
        Directory.SetCurrentDirectory(RepoPaths.Root);
        var (_, output) = await CliRunner.RunWithWidthAsync(200, "threat-model", "examples/threat-models/shadowray/pipeline.yaml");

        Assert.Contains(Block("$ atlasguard threat-model examples/threat-models/shadowray/pipeline.yaml"), Normalize(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readme_shows_the_current_threat_model_with_scan_evidence()
    {
        Directory.SetCurrentDirectory(RepoPaths.Root);
        var (_, output) = await CliRunner.RunWithWidthAsync(200, "threat-model", "examples/threat-models/shadowray/pipeline.yaml", "--scan", "examples/ray-cluster-repo");

        AssertShows(Block("$ atlasguard threat-model examples/threat-models/shadowray/pipeline.yaml --scan examples/ray-cluster-repo"), Normalize(output));
    }

    [Fact]
    public void Readme_gives_the_two_commands_that_ci_runs()
    {
        Assert.Contains("dotnet run --project src/AtlasGuard.Cli -- scan examples/fraud-detection", Readme, StringComparison.Ordinal);
        Assert.Contains("./test.sh", Readme, StringComparison.Ordinal);
        Assert.Contains("./test.sh", File.ReadAllText(RepoPaths.InRepo(".ci", "run")), StringComparison.Ordinal);
    }

    /// <summary>
    /// The block is the output, except that a line holding only "…" stands for lines left out: each part between
    /// them must appear in the output, in order.
    /// </summary>
    private static void AssertShows(string block, string output)
    {
        var at = 0;
        foreach (var part in block.Split("\n…\n", StringSplitOptions.None))
        {
            var found = output.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"The README shows output that the command no longer prints:\n{part}\n--- output ---\n{output}");
            at = found + part.Length;
        }
    }

    private static string Block(string prompt)
    {
        var start = Readme.IndexOf(prompt, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no block starting with '{prompt}'.");
        start += prompt.Length + 1;
        var end = Readme.IndexOf("```", start, StringComparison.Ordinal);
        return Normalize(Readme[start..end]).Trim();
    }

    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()));
}
