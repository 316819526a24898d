namespace AtlasGuard.ThreatModel.Tests.Expressions;

/// <summary>
/// The truth tables of and, or and not over true (T), false (F) and unknown (U, a missing member), in every spelling.
/// x.t is true, x.f is false, x.u and x.v are missing.
/// </summary>
public sealed class KleeneLogicTests
{
    private const string Data = """{"x": {"t": true, "f": false}}""";

    [Theory]
    [InlineData("T", "T", "T")]
    [InlineData("T", "F", "F")]
    [InlineData("T", "U", "U")]
    [InlineData("F", "T", "F")]
    [InlineData("F", "F", "F")]
    [InlineData("F", "U", "F")]
    [InlineData("U", "T", "U")]
    [InlineData("U", "F", "F")]
    [InlineData("U", "U", "U")]
    public void And_follows_kleene(string left, string right, string expected)
    {
        Assert.Equal(expected, Outcome($"{Operand(left, 'u')} and {Operand(right, 'v')}"));
        Assert.Equal(expected, Outcome($"{Operand(left, 'u')} && {Operand(right, 'v')}"));
        Assert.Equal(expected, Outcome($"all([{Operand(left, 'u')}, {Operand(right, 'v')}])"));
    }

    [Theory]
    [InlineData("T", "T", "T")]
    [InlineData("T", "F", "T")]
    [InlineData("T", "U", "T")]
    [InlineData("F", "T", "T")]
    [InlineData("F", "F", "F")]
    [InlineData("F", "U", "U")]
    [InlineData("U", "T", "T")]
    [InlineData("U", "F", "U")]
    [InlineData("U", "U", "U")]
    public void Or_follows_kleene(string left, string right, string expected)
    {
        Assert.Equal(expected, Outcome($"{Operand(left, 'u')} or {Operand(right, 'v')}"));
        Assert.Equal(expected, Outcome($"{Operand(left, 'u')} || {Operand(right, 'v')}"));
        Assert.Equal(expected, Outcome($"any([{Operand(left, 'u')}, {Operand(right, 'v')}])"));
    }

    [Theory]
    [InlineData("T", "F")]
    [InlineData("F", "T")]
    [InlineData("U", "U")]
    public void Not_follows_kleene(string operand, string expected)
    {
        Assert.Equal(expected, Outcome($"not {Operand(operand, 'u')}"));
        Assert.Equal(expected, Outcome($"!{Operand(operand, 'u')}"));
    }

    [Fact]
    public void An_unknown_outcome_reports_only_the_paths_of_unknown_operands()
    {
        var result = Eval.Run("x.t and x.u and x.v", Data);

        Assert.True(result.IsUnknown);
        Assert.False(result.IsTrue);
        Assert.False(result.IsFalse);
        Assert.Equal(["x.u", "x.v"], result.MissingPaths);
    }

    [Theory]
    [InlineData("x.u and x.f")]
    [InlineData("x.f and x.u")]
    [InlineData("x.u or x.t")]
    [InlineData("true or x.u")]
    public void A_known_outcome_reports_no_missing_paths(string text)
    {
        var result = Eval.Run(text, Data);

        Assert.False(result.IsUnknown);
        Assert.Empty(result.MissingPaths);
    }

    [Fact]
    public void Short_circuits_a_decided_chain()
    {
        // The right-hand sides would fail (a string in 'and', an unknown function) if they were evaluated.
        Assert.True(Eval.Run("x.f and 'not a boolean'", Data).IsFalse);
        Assert.True(Eval.Run("x.t or nowhere()", Data).IsTrue);
    }

    [Fact]
    public void Does_not_short_circuit_on_unknown()
    {
        // An unknown left side must not hide a false right side: the outcome is false, not 'needs information'.
        Assert.True(Eval.Run("x.u and 1 == 2", Data).IsFalse);
    }

    [Theory]
    [InlineData("x.u ? 'a' : 'b'", "U", new[] { "x.u" })]
    [InlineData("x.u ? 'a' : 'a'", "'a'", new string[0])]
    [InlineData("x.u ? x.v : 'a'", "U", new[] { "x.u", "x.v" })]
    [InlineData("x.t ? 'a' : x.v", "'a'", new string[0])]
    [InlineData("x.f ? x.v : 'b'", "'b'", new string[0])]
    public void A_conditional_with_an_unknown_condition_is_unknown_unless_the_branches_agree(
        string text, string expected, string[] paths)
    {
        var result = Eval.Run(text, Data);

        Assert.Equal(expected, result.IsUnknown ? "U" : result.Value.ToString());
        Assert.Equal(paths, result.MissingPaths);
    }

    private static string Operand(string truth, char missing) => truth switch
    {
        "T" => "x.t",
        "F" => "x.f",
        _ => "x." + missing,
    };

    private static string Outcome(string text)
    {
        var result = Eval.Run(text, Data);
        Assert.True(result.IsTrue || result.IsFalse || result.IsUnknown, text);
        return result.IsUnknown ? "U" : result.IsTrue ? "T" : "F";
    }
}
