using System.Text.Json;
using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Tests.Loading;

public class YamlTreeReaderTests
{
    private static (JsonNode? Root, SourceMap Map, List<ThreatModelDiagnostic> Diagnostics) Read(string text)
    {
        var diagnostics = new List<ThreatModelDiagnostic>();
        var (root, map) = YamlTreeReader.Read(text, "t.yaml", LoadLimits.Default, diagnostics);
        return (root, map, diagnostics);
    }

    [Theory]
    [InlineData("true", JsonValueKind.True)]
    [InlineData("False", JsonValueKind.False)]
    [InlineData("42", JsonValueKind.Number)]
    [InlineData("-1.5e3", JsonValueKind.Number)]
    [InlineData("5.6", JsonValueKind.Number)]
    [InlineData("5.6.0", JsonValueKind.String)]
    [InlineData("\"42\"", JsonValueKind.String)]
    [InlineData("yes", JsonValueKind.String)]
    [InlineData("on", JsonValueKind.String)]
    [InlineData(".inf", JsonValueKind.String)]
    [InlineData("2026-11-26", JsonValueKind.String)]
    [InlineData("!!str 42", JsonValueKind.String)]
    public void Plain_scalars_get_yaml_1_2_core_types(string scalar, JsonValueKind kind)
    {
        var (root, _, diagnostics) = Read("v: " + scalar + "\n");

        Assert.Empty(diagnostics);
        Assert.Equal(kind, root!["v"]!.GetValueKind());
    }

    [Theory]
    [InlineData("v: ~\n")]
    [InlineData("v: null\n")]
    [InlineData("v:\n")]
    public void Null_forms_become_json_null(string text)
    {
        var (root, _, _) = Read(text);

        Assert.True(root!.AsObject().ContainsKey("v"));
        Assert.Null(root["v"]);
    }

    [Fact]
    public void Positions_are_one_based_and_kept_for_values_and_keys()
    {
        var (_, map, _) = Read("a:\n  b: [x, y]\n  c: 1\n");

        Assert.Equal(new SourcePosition(2, 6), map.ValueAt("/a/b"));
        Assert.Equal(new SourcePosition(2, 10), map.ValueAt("/a/b/1"));
        Assert.Equal(new SourcePosition(3, 3), map.KeyAt("/a/c"));
        Assert.Equal(new SourcePosition(3, 6), map.ValueAt("/a/c"));
        Assert.Equal(new SourcePosition(3, 6), map.ValueAt("/a/c/missing/deeper"));
    }

    [Fact]
    public void An_alias_expands_to_an_independent_copy_placed_at_the_alias()
    {
        var (root, map, diagnostics) = Read("base: &b { auth: sso }\nother: *b\n");

        Assert.Empty(diagnostics);
        Assert.Equal("sso", root!["other"]!["auth"]!.GetValue<string>());
        Assert.NotSame(root["base"], root["other"]);
        Assert.Equal(2, map.ValueAt("/other/auth").Line);
    }

    [Fact]
    public void Keys_with_slashes_and_tildes_are_escaped_in_pointers()
    {
        var (_, map, _) = Read("a/b:\n  c~d: 1\n");

        Assert.Equal(2, map.ValueAt("/a~1b/c~0d").Line);
    }
}
