using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Expressions;

namespace AtlasGuard.ThreatModel.Tests.Expressions;

public sealed class BoundsTests
{
    [Fact]
    public void Rejects_an_expression_over_the_length_limit()
    {
        var error = Eval.SyntaxError(new string('a', 4097));

        Assert.Contains("limit is 4096", error.Reason, StringComparison.Ordinal);
        Assert.NotNull(Expression.Parse(new string('a', 4096)));
    }

    [Fact]
    public void A_million_parentheses_fail_at_the_length_limit()
    {
        var text = new string('(', 1_000_000) + "1" + new string(')', 1_000_000);

        Assert.Contains("characters long", Eval.SyntaxError(text).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('(', ")")]
    [InlineData('[', "]")]
    [InlineData('-', "")]
    public void A_million_levels_of_nesting_fail_cleanly_without_a_length_limit(char open, string close)
    {
        // No stack overflow: the parser counts levels as it descends and stops at the limit.
        var limits = new ExpressionLimits { MaxLength = int.MaxValue };
        var text = new string(open, 1_000_000) + "1" + string.Concat(Enumerable.Repeat(close, 1_000_000));

        var error = Eval.SyntaxError(text, limits);

        Assert.Contains("more than 64 levels", error.Reason, StringComparison.Ordinal);
        Assert.Equal(64, error.Position);
    }

    [Fact]
    public void A_million_nots_fail_cleanly()
    {
        var limits = new ExpressionLimits { MaxLength = int.MaxValue };
        var text = string.Concat(Enumerable.Repeat("not ", 1_000_000)) + "true";

        Assert.Contains("levels", Eval.SyntaxError(text, limits).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted()
    {
        Assert.True(Eval.Run(new string('(', 63) + "true" + new string(')', 63)).IsTrue);
        Eval.SyntaxError(new string('(', 65) + "true" + new string(')', 65));
    }

    [Fact]
    public void A_long_member_path_counts_as_depth()
    {
        var text = "a" + string.Concat(Enumerable.Repeat(".b", 100));

        Assert.Contains("levels", Eval.SyntaxError(text).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_chain_of_and_is_flat_and_accepted()
    {
        var text = string.Join(" and ", Enumerable.Repeat("true", 400));

        Assert.True(Eval.Run(text).IsTrue);
    }

    [Fact]
    public void Rejects_a_list_literal_over_the_limit()
    {
        var text = "[" + string.Join(",", Enumerable.Repeat("1", 257)) + "]";

        var error = Eval.SyntaxError(text);

        Assert.Contains("More than 256 items", error.Reason, StringComparison.Ordinal);
        Assert.Equal(text.Length - 2, error.Position);
    }

    [Fact]
    public void Rejects_a_call_with_too_many_arguments()
    {
        var text = "max(" + string.Join(",", Enumerable.Repeat("1", 17)) + ")";

        Assert.Contains("More than 16 arguments", Eval.SyntaxError(text).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_an_evaluation_that_exceeds_the_step_budget()
    {
        // A model list of 200,000 items: membership walks all of them when nothing matches.
        var items = string.Join(",", Enumerable.Range(0, 200_000));
        var context = Eval.Context($$$"""{"p": {"big": [{{{items}}}]}}""");
        var expression = Expression.Parse("-1 in p.big");

        var error = Assert.Throws<ExpressionEvaluationException>(() => expression.Evaluate(context));

        Assert.Contains("more than 100000 steps", error.Reason, StringComparison.Ordinal);
        Assert.Equal(3, error.Position);
        var generous = Expression.Parse("-1 in p.big", new ExpressionLimits { MaxSteps = 1_000_000 });
        Assert.True(generous.Evaluate(context).IsFalse);
    }

    [Fact]
    public void The_step_budget_counts_nodes()
    {
        var expression = Expression.Parse("1 == 1 and 2 == 2", new ExpressionLimits { MaxSteps = 6 });

        Assert.Throws<ExpressionEvaluationException>(() => expression.Evaluate(Eval.Context()));
        Assert.True(Expression.Parse(expression.Text, new ExpressionLimits { MaxSteps = 7 }).Evaluate(Eval.Context()).IsTrue);
    }

    [Fact]
    public void Comparing_deeply_nested_model_data_fails_cleanly()
    {
        // JsonNode.Parse stops at 64 levels, but a loader can build deeper trees in code.
        JsonNode Nest(int depth)
        {
            JsonNode node = new JsonArray(1);
            for (var i = 0; i < depth; i++)
            {
                node = new JsonArray(node);
            }

            return node;
        }

        var context = new ExpressionContext()
            .SetRoot("a", ExprValue.FromJson(Nest(100_000)))
            .SetRoot("b", ExprValue.FromJson(Nest(100_000)))
            .SetRoot("c", ExprValue.FromJson(Nest(10)))
            .SetRoot("d", ExprValue.FromJson(Nest(10)));

        var error = Assert.Throws<ExpressionEvaluationException>(() => Eval.Run("a == b", context));

        Assert.Contains("nest more than 64 levels", error.Reason, StringComparison.Ordinal);
        Assert.True(Eval.Run("c == d and a != c", context).IsTrue);
    }

    [Fact]
    public void Comparing_objects_is_structural_and_three_valued()
    {
        var json = """{"p": {"x": {"k": 1, "l": [1]}, "y": {"l": [1], "k": 1}, "z": {"k": 2, "l": [1]}, "w": {"k": 1}}}""";

        Assert.True(Eval.Run("p.x == p.y and p.x != p.z and p.x != p.w", json).IsTrue);
        var context = Eval.Context(json).SetRoot("q", ExprValue.Object(
            new Dictionary<string, ExprValue> { ["k"] = ExprValue.Missing("q.k"), ["l"] = ExprValue.List([ExprValue.Number(1)]) }));
        Assert.Equal(["q.k"], Eval.Run("p.x == q", context).MissingPaths);
        Assert.True(Eval.Run("p.z == q", context).IsUnknown);
    }
}
