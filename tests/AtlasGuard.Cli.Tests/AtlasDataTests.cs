using System.Text.Json;
using AtlasGuard.Cli.Commands;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Atlas.Update;
using AtlasGuard.Testing;

namespace AtlasGuard.Cli.Tests;

/// <summary>
/// Which ATLAS catalog <c>scan</c> and the <c>atlas</c> commands use: <c>--atlas-data FILE</c>, <c>--atlas-data
/// embedded</c>, or by default the release <c>atlas update</c> cached, else the embedded facts.
/// </summary>
public sealed class AtlasDataTests
{
    /// <summary>A hand-written release that renames the techniques the example's pickle findings name.</summary>
    private const string SmallRelease = """
        id: ATLAS
        version: 9.9.9
        matrices:
        - id: ATLAS
          tactics:
          - {id: AML.TA0004, name: Initial Access}
          - {id: AML.TA0005, name: Execution}
          techniques:
          - id: AML.T0010
            name: AI Supply Chain Compromise
            tactics: [AML.TA0004]
          - id: AML.T0010.003
            name: Model
            subtechnique-of: AML.T0010
          - id: AML.T0011
            name: Renamed User Execution
            description: Someone runs what an adversary planted.
            tactics: [AML.TA0005]
          - id: AML.T0011.000
            name: Renamed Unsafe Artifacts
            subtechnique-of: AML.T0011
          mitigations: []
        case-studies: []
        """;

    private static string Example => RepoPaths.InRepo("examples", "fraud-detection");

    [Fact]
    public void Tests_never_see_the_developers_cache()
    {
        Assert.Equal(TestCache.EmptyRoot, Environment.GetEnvironmentVariable(AtlasCache.EnvironmentVariable));
        Assert.Equal(Path.GetFullPath(TestCache.EmptyRoot), AtlasCache.Default.Root);
        Assert.False(AtlasCache.TryGetCachedPath(out _));
    }

    [Fact]
    public async Task Scan_with_atlas_data_names_sarif_taxa_from_the_release()
    {
        using var tree = new TempTree();
        var release = tree.Write("ATLAS.yaml", SmallRelease);
        var output = Path.Combine(tree.Root, "scan.sarif");

        var (code, _) = await CliRunner.RunAsync("scan", Example, "--format", "sarif", "--output", output, "--atlas-data", release);

        Assert.Equal(1, code);
        var taxonomy = await SarifTaxonomy(output);
        Assert.Equal("9.9.9", taxonomy.GetProperty("version").GetString());
        var taxa = taxonomy.GetProperty("taxa").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Equal("Renamed Unsafe Artifacts", taxa["AML.T0011.000"].GetProperty("name").GetString());
        Assert.Equal("Renamed User Execution", taxa["AML.T0011"].GetProperty("name").GetString());
        Assert.Equal("Someone runs what an adversary planted.", taxa["AML.T0011"].GetProperty("fullDescription").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Scan_with_atlas_data_writes_the_release_version_into_the_navigator_layer()
    {
        using var tree = new TempTree();
        var release = tree.Write("ATLAS.yaml", SmallRelease);
        var output = Path.Combine(tree.Root, "layer.json");

        var (code, _) = await CliRunner.RunAsync("scan", Example, "--format", "navigator", "--output", output, "--atlas-data", release);

        Assert.Equal(1, code);
        Assert.Equal("9.9.9", NavigatorMetadata(await File.ReadAllTextAsync(output))["atlas_data_version"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("this is not ATLAS data")]
    [InlineData("{ unclosed: [")]
    [InlineData("name: something else\nversion: 1\n")]
    public async Task Scan_with_a_missing_or_garbage_atlas_data_file_exits_2_before_scanning(string? content)
    {
        using var tree = new TempTree();
        var release = content is null ? Path.Combine(tree.Root, "missing.yaml") : tree.Write("ATLAS.yaml", content);
        var output = Path.Combine(tree.Root, "scan.sarif");

        var (code, text) = await CliRunner.RunAsync("scan", Example, "--format", "sarif", "--output", output, "--atlas-data", release);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, text);
        Assert.False(File.Exists(output));
        var load = AtlasCatalogSource.Load(release, TestCache.Empty);
        Assert.Null(load.Catalog);
        Assert.StartsWith($"--atlas-data {release}: ", load.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Atlas_commands_and_scan_default_to_the_cached_release()
    {
        using var cache = CacheWith(SmallRelease);
        var output = Path.Combine(cache.Root, "scan.sarif");

        var (code, text) = await CliRunner.RunWithCacheAsync(cache.Root, "atlas", "technique", "AML.T0011", "--format", "json");
        var (scanCode, _) = await CliRunner.RunWithCacheAsync(cache.Root, "scan", Example, "--format", "sarif", "--output", output);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("9.9.9", json.RootElement.GetProperty("atlasVersion").GetString());
        Assert.Equal("Renamed User Execution", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(1, scanCode);
        Assert.Equal("9.9.9", (await SarifTaxonomy(output)).GetProperty("version").GetString());
    }

    [Fact]
    public async Task Atlas_data_embedded_ignores_the_cached_release()
    {
        using var cache = CacheWith(SmallRelease);
        var output = Path.Combine(cache.Root, "layer.json");

        var (code, text) = await CliRunner.RunWithCacheAsync(cache.Root, "atlas", "tactics", "--format", "json", "--atlas-data", "embedded");
        await CliRunner.RunWithCacheAsync(cache.Root, "scan", Example, "--format", "navigator", "--output", output, "--atlas-data", "EMBEDDED");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(AtlasCatalog.Embedded.Version, json.RootElement.GetProperty("atlasVersion").GetString());
        Assert.Equal(AtlasCatalog.Embedded.Version, NavigatorMetadata(await File.ReadAllTextAsync(output))["atlas_data_version"]);
    }

    [Fact]
    public async Task A_broken_cached_release_falls_back_to_the_embedded_facts_with_one_note()
    {
        using var cache = CacheWith("{ unclosed: [");

        var (code, text) = await CliRunner.RunWithCacheAsync(cache.Root, "atlas", "tactics", "--format", "json");
        var load = AtlasCatalogSource.Load(null, new AtlasCache(cache.Root));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(AtlasCatalog.Embedded.Version, json.RootElement.GetProperty("atlasVersion").GetString());
        Assert.Same(AtlasCatalog.Embedded, load.Catalog);
        Assert.Null(load.Error);
        var note = Assert.Single(load.Notes);
        Assert.Contains(new AtlasCache(cache.Root).YamlPath, note, StringComparison.Ordinal);
        Assert.Contains("atlas update", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("console", false)]
    [InlineData("JSON", false)]
    [InlineData("sarif", true)]
    [InlineData("navigator", true)]
    public void Only_reports_that_print_atlas_names_read_the_cached_release(string format, bool reads) =>
        Assert.Equal(reads, AtlasGuard.Cli.Output.ReportFormats.NamesAtlasEntries(format));

    [Fact]
    public void Without_a_cached_release_the_embedded_facts_are_used_silently()
    {
        var load = AtlasCatalogSource.Load(null, TestCache.Empty);

        Assert.Same(AtlasCatalog.Embedded, load.Catalog);
        Assert.Empty(load.Notes);
    }

    [Theory]
    [InlineData("scan", "--help")]
    [InlineData("atlas", "tactics", "--help")]
    public async Task Help_explains_the_cached_release_and_embedded(params string[] args)
    {
        var (code, output) = await CliRunner.RunWithWidthAsync(400, args);

        Assert.Equal(0, code);
        Assert.Contains("--atlas-data <FILE>", output, StringComparison.Ordinal);
        Assert.Contains("the release atlas update cached", output, StringComparison.Ordinal);
        Assert.Contains("embedded forces those", output, StringComparison.Ordinal);
    }

    private static TempTree CacheWith(string release)
    {
        var tree = new TempTree();
        tree.Write("atlas/ATLAS.yaml", release);
        return tree;
    }

    private static async Task<JsonElement> SarifTaxonomy(string path)
    {
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        return doc.RootElement.GetProperty("runs")[0].GetProperty("taxonomies")[0].Clone();
    }

    private static Dictionary<string, string> NavigatorMetadata(string layer)
    {
        using var doc = JsonDocument.Parse(layer);
        return doc.RootElement.GetProperty("metadata").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetString()!);
    }
}
