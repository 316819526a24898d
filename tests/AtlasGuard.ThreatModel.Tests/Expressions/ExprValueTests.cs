using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Expressions;

namespace AtlasGuard.ThreatModel.Tests.Expressions;

public sealed class ExprValueTests
{
    [Fact]
    public void Reads_json_without_copying_it()
    {
        var node = JsonNode.Parse("""{"a": {"b": [1, "two", null, true]}}""")!;

        var value = ExprValue.FromJson(node);
        var list = value.AsObject()["a"].AsObject()["b"].AsList();

        Assert.Equal(ExprValueKind.Object, value.Kind);
        Assert.Equal(4, list.Count);
        Assert.Equal([ExprValueKind.Number, ExprValueKind.String, ExprValueKind.Null, ExprValueKind.Bool], list.Select(v => v.Kind));
        // The view reads the live tree: a change made after wrapping is visible, which shows nothing was copied.
        node["a"]!["b"]!.AsArray().Add(5);
        Assert.Equal(5, value.AsObject()["a"].AsObject()["b"].AsList().Count);
    }

    [Fact]
    public void Maps_a_csharp_null_to_null()
    {
        Assert.Equal(ExprValueKind.Null, ExprValue.FromJson(null).Kind);
        Assert.Equal(ExprValueKind.Null, ExprValue.FromJson(JsonNode.Parse("null")).Kind);
    }

    [Fact]
    public void Equality_is_structural()
    {
        Assert.Equal(ExprValue.FromJson(JsonNode.Parse("""{"a": [1, "x"]}""")), ExprValue.Object(
            new Dictionary<string, ExprValue> { ["a"] = ExprValue.List([ExprValue.Number(1), ExprValue.String("x")]) }));
        Assert.NotEqual(ExprValue.Number(1), ExprValue.String("1"));
        Assert.Equal(ExprValue.Missing(["b", "a", "b"]), ExprValue.Missing(["a", "b"]));
        Assert.Equal(["a", "b"], ExprValue.Missing(["b", "a", "b"]).MissingPaths);
    }

    [Fact]
    public void Accessors_throw_for_the_wrong_kind()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ExprValue.String("x").AsNumber());

        Assert.Equal("The value is a string, not a number.", error.Message);
    }

    [Theory]
    [InlineData("1e3", 1000)]
    [InlineData("-0.25", -0.25)]
    [InlineData("12345678901234567890", 12345678901234567890d)]
    public void Reads_json_numbers(string json, double expected) =>
        Assert.Equal(expected, ExprValue.FromJson(JsonNode.Parse(json)).AsNumber());

    [Fact]
    public void Prints_values_as_the_language_writes_them()
    {
        Assert.Equal("'it\\'s'", ExprValue.String("it's").ToString());
        Assert.Equal("missing(a.b, c)", ExprValue.Missing(["c", "a.b"]).ToString());
        Assert.Equal("[1, true, null]", ExprValue.List([ExprValue.Number(1), ExprValue.True, ExprValue.Null]).ToString());
    }
}
