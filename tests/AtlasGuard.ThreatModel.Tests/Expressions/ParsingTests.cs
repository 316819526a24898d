using AtlasGuard.ThreatModel.Expressions;

namespace AtlasGuard.ThreatModel.Tests.Expressions;

public sealed class ParsingTests
{
    private const string Data = """
        {"props": {"output": {"type": "scores"}, "tools": [{"name": "search"}, {"name": "mail"}], "n": 3, "x-y": "dash"},
         "model": {"ip_value": "high"}}
        """;

    [Theory]
    [InlineData("'single'", "'single'")]
    [InlineData("\"double\"", "'double'")]
    [InlineData(@"'it\'s'", @"'it\'s'")]
    [InlineData(@"""say \""hi\""""", "'say \"hi\"'")]
    [InlineData(@"'back\\slash'", @"'back\\slash'")]
    [InlineData("'mixed \"quotes\"'", "'mixed \"quotes\"'")]
    [InlineData("42", "42")]
    [InlineData("3.25", "3.25")]
    [InlineData("-7", "-7")]
    [InlineData("- 1.5", "-1.5")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", "null")]
    [InlineData("[]", "[]")]
    [InlineData("['a', 'b',]", "['a', 'b']")]
    [InlineData("[1, [2, 3]]", "[1, [2, 3]]")]
    public void Parses_literals(string text, string expected) => Assert.Equal(expected, Eval.Run(text).Value.ToString());

    [Fact]
    public void String_escapes_give_the_escaped_characters()
    {
        Assert.Equal(@"a\b'c""d", Eval.Run(@"'a\\b\'c\""d'").Value.AsString());
        Assert.Equal("it's", Eval.Run("\"it's\"").Value.AsString());
    }

    [Fact]
    public void Numbers_use_a_point_as_the_decimal_separator()
    {
        Assert.Equal(1.5, Eval.Run("1.5").Value.AsNumber());
        Assert.Equal("1.5", ExprValue.Number(1.5).ToString());
        Assert.Equal(1, Eval.SyntaxError("1,5").Position);
    }

    [Theory]
    [InlineData("props.output.type", "'scores'")]
    [InlineData("model.ip_value", "'high'")]
    [InlineData("props.tools[1].name", "'mail'")]
    [InlineData("props['x-y']", "'dash'")]
    [InlineData("props.tools[props.n - 2 == 1 ? 0 : 1].name", null)]
    [InlineData("(props).output['type']", "'scores'")]
    [InlineData("len(props.tools)", "2")]
    [InlineData("[props.n, 'k'][0]", "3")]
    public void Parses_paths_indexing_and_calls(string text, string? expected)
    {
        if (expected is null)
        {
            // There is no arithmetic: '-' is only a sign, so 'props.n - 2' does not parse.
            Eval.SyntaxError(text);
            return;
        }

        Assert.Equal(expected, Eval.Run(text, Data).Value.ToString());
    }

    [Theory]
    [InlineData("true or false and false", true)] // and binds tighter than or
    [InlineData("(true or false) and false", false)]
    [InlineData("not 1 == 2", true)] // not binds looser than comparisons, as in Python
    [InlineData("! 1 == 2", true)] // '!' is 'not', with the same precedence
    [InlineData("not false and false", false)] // not binds tighter than and
    [InlineData("not (false and false)", true)]
    [InlineData("false ? 1 : 2 == 2", true)] // the conditional is the loosest
    [InlineData("true ? false : true ? 1 : 2", false)] // right-associative
    [InlineData("false ? 0 : true ? true : false", true)]
    [InlineData("false || true && false", false)]
    [InlineData("1 < 2 == true", null)] // comparisons do not chain
    [InlineData("'a' in ['a'] and 'b' not in ['a']", true)]
    [InlineData("not 'a' in ['b']", true)]
    [InlineData("-1 < 0", true)]
    public void Follows_python_precedence(string text, bool? expected)
    {
        if (expected is null)
        {
            Eval.SyntaxError(text);
            return;
        }

        Assert.Equal(expected.Value, Eval.Run(text).Value.AsBool());
    }

    [Fact]
    public void Accepts_keywords_as_member_names()
    {
        var result = Eval.Run("x.in == 1 and x.null == 2", """{"x": {"in": 1, "null": 2}}""");

        Assert.True(result.IsTrue);
    }

    [Fact]
    public void Accepts_a_multi_line_expression()
    {
        var result = Eval.Run("props.n == 3\n  and model.ip_value\t== 'high'", Data);

        Assert.True(result.IsTrue);
    }

    [Fact]
    public void Parses_every_condition_of_the_example_rules()
    {
        string[] conditions =
        [
            "exposure in ['internet','partner'] and model.ip_value in ['medium','high'] and model.weights_exposure != 'public'",
            "has_access('inference_api', self) or has_access('ai_enabled_product', self)",
            "attacker.capabilities.query_access.identities > 1",
            "any_asset(model.trained_on, 'contains_pii') and props.output.type in ['scores','logits','embeddings']",
            "attacker.knowledge == 'white_box' or has_access('full_model', any) or model.weights_exposure == 'public'",
            "max(downstream_impact(self), model.system_prompt_sensitive ? 'high' : 'medium')",
            "props.reads_untrusted_content and any_tool(props.tools, 'data_egress') and props.human_approval == 'none'",
            "'availability_breakdown' in attacker.goals or 'cost_abuse' in attacker.objectives",
            "declared('AML.M0004') and declared('AML.M0002')",
        ];

        foreach (var condition in conditions)
        {
            Assert.True(Expression.TryParse(condition, out _, out var error), error?.Message);
        }
    }

    [Fact]
    public void A_name_is_a_root_or_a_function_depending_on_the_parenthesis()
    {
        var expression = Expression.Parse("has_access('full_model', any) or any([true])");

        Assert.Equal(["any"], expression.Roots);
        Assert.Equal(["has_access", "any"], expression.Functions.Select(f => f.Name));
        Assert.Equal([false, true], expression.Functions.Select(f => f.IsBuiltIn));
    }
}
