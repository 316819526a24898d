namespace AtlasGuard.ThreatModel.Tests.Expressions;

public sealed class BuiltinFunctionTests
{
    private const string Data = """
        {"p": {"l": ["a", "bb"], "s": "AbC", "o": {"x": 1, "y": 2}, "bools": [true, false], "nums": [3, 9, 4],
               "z": null, "empty": []}}
        """;

    [Theory]
    [InlineData("len(p.l)", "2")]
    [InlineData("len(p.s)", "3")]
    [InlineData("len(p.o)", "2")]
    [InlineData("len([])", "0")]
    [InlineData("any(p.bools)", "true")]
    [InlineData("all(p.bools)", "false")]
    [InlineData("any([])", "false")]
    [InlineData("all([])", "true")]
    [InlineData("max(3, 9, 4)", "9")]
    [InlineData("min(3, 9, 4)", "3")]
    [InlineData("max(p.nums)", "9")]
    [InlineData("min(p.nums)", "3")]
    [InlineData("max('high', 'medium')", "'medium'")]
    [InlineData("min(['b', 'a', 'c'])", "'a'")]
    [InlineData("max(-1.5, -2)", "-1.5")]
    [InlineData("lower(p.s)", "'abc'")]
    [InlineData("contains(p.l, 'bb')", "true")]
    [InlineData("contains(p.s, 'bC')", "true")]
    [InlineData("contains(p.l, 'c')", "false")]
    [InlineData("coalesce(p.absent, p.z, 'default')", "'default'")]
    [InlineData("coalesce(p.s, 'default')", "'AbC'")]
    [InlineData("coalesce(p.z, null)", "null")]
    [InlineData("is_missing(p.absent)", "true")]
    [InlineData("is_missing(p.z)", "false")]
    [InlineData("has(p.absent)", "false")]
    [InlineData("has(p.l)", "true")]
    public void Computes(string text, string expected) => Assert.Equal(expected, Eval.Run(text, Data).Value.ToString());

    [Theory]
    [InlineData("len(p.absent)", new[] { "p.absent" })]
    [InlineData("any(p.absent)", new[] { "p.absent" })]
    [InlineData("any([false, p.absent])", new[] { "p.absent" })]
    [InlineData("max(1, p.absent, p.other)", new[] { "p.absent", "p.other" })]
    [InlineData("max(p.absent)", new[] { "p.absent" })]
    [InlineData("lower(p.absent)", new[] { "p.absent" })]
    [InlineData("contains(p.absent, 'a')", new[] { "p.absent" })]
    [InlineData("contains(p.l, p.absent)", new[] { "p.absent" })]
    [InlineData("coalesce(p.absent, p.z, p.other)", new[] { "p.absent", "p.other" })]
    public void Gives_unknown_for_missing_arguments(string text, string[] paths)
    {
        var result = Eval.Run(text, Data);

        Assert.True(result.IsUnknown);
        Assert.Equal(paths, result.MissingPaths);
    }

    [Theory]
    [InlineData("any([true, p.absent])", "true")]
    [InlineData("all([false, p.absent])", "false")]
    public void Any_and_all_are_decided_by_a_known_item(string text, string expected) =>
        Assert.Equal(expected, Eval.Run(text, Data).Value.ToString());

    [Theory]
    [InlineData("len(1)", "'len' needs a list, a string or an object, not a number")]
    [InlineData("len(p.z)", "not a null")]
    [InlineData("any(p.s)", "'any' needs a list, not a string")]
    [InlineData("all(p.l)", "'all' needs a list of booleans; item 0 is a string")]
    [InlineData("max(1, 'a')", "'max' needs two numbers or two strings")]
    [InlineData("min(p.empty)", "'min' of an empty list")]
    [InlineData("max(true, false)", "'max' needs numbers or strings, not a boolean")]
    [InlineData("lower(1)", "'lower' needs a string, not a number")]
    [InlineData("len(1, 2)", "'len' takes 1 argument, not 2")]
    [InlineData("contains(p.l)", "'contains' takes 2 arguments, not 1")]
    [InlineData("max()", "'max' takes 1 or more arguments, not 0")]
    public void Rejects_wrong_arguments(string text, string message)
    {
        var error = Eval.EvaluationError(text, Data);

        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, error.Position);
    }

    [Fact]
    public void Built_ins_cannot_be_replaced_by_the_host()
    {
        var context = Eval.Context(Data).SetFunction("len", _ => throw new InvalidOperationException("host len called"));

        Assert.Equal(2, Eval.Run("len(p.l)", context).Value.AsNumber());
    }
}
