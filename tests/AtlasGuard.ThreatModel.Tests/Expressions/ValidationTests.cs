using AtlasGuard.ThreatModel.Expressions;

namespace AtlasGuard.ThreatModel.Tests.Expressions;

public sealed class ValidationTests
{
    private static readonly ExpressionVocabulary Vocabulary = new ExpressionVocabulary()
        .AddPath("props.output.type")
        .AddPath("props.untrusted_write")
        .AddPath("model.ip_value")
        .AddPath("attacker.capabilities.*")
        .AddPath("attacker.goals")
        .AddRoot("self")
        .AddRoot("exposure")
        .AddFunction("has_access", 2, 2)
        .AddFunction("declared", 1, 1);

    [Fact]
    public void Lists_the_paths_roots_and_calls_an_expression_uses()
    {
        var expression = Expression.Parse(
            "exposure in ['internet'] and props.output.type != 'label' and has_access('inference_api', self) "
            + "and len(props.tools[0].names) > attacker.capabilities.query_access.identities");

        Assert.Equal(
            ["exposure", "props.output.type", "self", "props.tools", "attacker.capabilities.query_access.identities"],
            expression.Paths.Select(p => p.Path));
        Assert.Equal(["attacker", "exposure", "props", "self"], expression.Roots);
        Assert.Equal([("has_access", 2), ("len", 1)], expression.Functions.Select(f => (f.Name, f.ArgumentCount)));
        Assert.Equal(expression.Text.IndexOf("props.output", StringComparison.Ordinal), expression.Paths[1].Position);
        Assert.Equal("props", expression.Paths[1].Root);
    }

    [Theory]
    [InlineData("props.output.type in ['scores'] and model.ip_value == 'high'")]
    [InlineData("props.output == null")] // a prefix of a defined path
    [InlineData("attacker.capabilities.query_access.identities > 1")] // under a wildcard
    [InlineData("attacker.capabilities == null")]
    [InlineData("has_access('inference_api', self) and self.anything == 1")] // open root
    [InlineData("declared('AML.M0004') and 'x' in attacker.goals and len(attacker.goals) > 0")]
    public void Accepts_what_the_vocabulary_allows(string text) => Assert.Empty(Expression.Parse(text).Validate(Vocabulary));

    [Theory]
    [InlineData("props.output.typ == 'x'", 0, "'props.output.typ' is not a property the schema defines.", "did you mean 'props.output.type'?")]
    [InlineData("a == 1 or propz.x == 1", 10, "Unknown identifier 'propz'.", "did you mean 'props'?")]
    [InlineData("x == True", 5, "Unknown identifier 'True'.", "did you mean 'true'?")]
    [InlineData("x == None", 5, "Unknown identifier 'None'.", "did you mean 'null'?")]
    [InlineData("has_acess('a', self)", 0, "Unknown function 'has_acess'.", "did you mean 'has_access'?")]
    [InlineData("true and has_access('a')", 9, "'has_access' takes 2 arguments, not 1.", null)]
    [InlineData("len(1, 2)", 0, "'len' takes 1 argument, not 2.", null)]
    [InlineData("totally_unknown()", 0, "Unknown function 'totally_unknown'.", null)]
    [InlineData("model.ip_value.x == 1", 0, "'model.ip_value.x' is not a property the schema defines.", "did you mean 'model.ip_value'?")]
    public void Rejects_unknown_names_and_wrong_arities_with_positions(string text, int position, string message, string? hint)
    {
        var diagnostic = Assert.Single(Expression.Parse(text).Validate(Vocabulary), d => d.Position == position);

        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(hint, diagnostic.Hint);
    }

    [Fact]
    public void Reports_every_problem_in_source_order()
    {
        var diagnostics = Expression.Parse("nope(props.bad) or len() == 0 or ghost").Validate(Vocabulary);

        Assert.Equal([0, 5, 19, 33], diagnostics.Select(d => d.Position));
        Assert.Equal("Unknown function 'nope'. (at position 0)", diagnostics[0].ToString());
    }

    [Fact]
    public void A_host_cannot_declare_a_built_in_function()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExpressionVocabulary().AddFunction("max", 1, 2));

        Assert.Equal("name", error.ParamName);
    }
}
