using AtlasGuard.ThreatModel.Expressions;

namespace AtlasGuard.ThreatModel.Tests.Expressions;

public sealed class SyntaxErrorTests
{
    [Theory]
    [InlineData("exposure = 'internet'", 9, "did you mean '=='?")]
    [InlineData("a <> b", 2, "did you mean '!='?")]
    [InlineData("a & b", 2, "'and'")]
    [InlineData("a | b", 2, "'or'")]
    [InlineData("props.x == 'abc", 11, "close it with '")]
    [InlineData("props.x == \"abc'", 11, "close it with \"")]
    [InlineData(@"'a\nb'", 2, @"the only escapes are")]
    [InlineData("a + 1", 2, "no arithmetic")]
    [InlineData("1. == 1", 1, "write 1.0")]
    [InlineData("(a == 1", 0, "add ')'")]
    [InlineData("f(a, b", 1, "add ')'")]
    [InlineData("[1, 2", 0, "add ']'")]
    [InlineData("a == 1)", 6, "no '(' for this ')'")]
    [InlineData("a == 1 b == 2", 7, "join conditions with 'and' or 'or'")]
    [InlineData("a is null", 2, "instead of 'is'")]
    [InlineData("a == 1 AND b", 7, "lower-case")]
    [InlineData("1 < 2 < 3", 6, "join them with 'and'")]
    [InlineData("c ? 1", 5, "write c ? a : b")]
    [InlineData("f(1)(2)", 4, "write name(...)")]
    [InlineData("not in x", 0, "write x not in")]
    public void Reports_the_position_and_a_hint(string text, int position, string hint)
    {
        var error = Eval.SyntaxError(text);

        Assert.Equal(position, error.Position);
        Assert.NotNull(error.Hint);
        Assert.Contains(hint, error.Hint, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.Equal(text, error.Expression);
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("   ", 0, "empty")]
    [InlineData("a ==", 4, "ends where a value was expected")]
    [InlineData("a.", 2, "member name after '.'")]
    [InlineData("a.1", 2, "member name after '.'")]
    [InlineData("a @ b", 2, "Unexpected character '@'")]
    [InlineData("a == \u00e9", 5, "U+00E9")]
    [InlineData("x[1", 3, "Expected ']'")]
    [InlineData("(a b)", 3, "Expected ')' to close the '(' at position 0")]
    [InlineData("[a b]", 3, "Expected ',' or ']'")]
    [InlineData("1abc", 1, "right after a number")]
    [InlineData("and", 0, "Expected a value, found 'and'")]
    public void Reports_the_position_of_other_errors(string text, int position, string message)
    {
        var error = Eval.SyntaxError(text);

        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_the_expression_with_a_caret_under_the_position()
    {
        var error = Eval.SyntaxError("exposure = 'internet'");

        var lines = error.Render().Split(Environment.NewLine);

        Assert.Equal("exposure = 'internet'", lines[0]);
        Assert.Equal("         ^", lines[1]);
        Assert.StartsWith("A single '=' is not an operator. (at position 9; did you mean '=='?)", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_caret_points_into_the_right_line_of_a_multi_line_expression()
    {
        var text = "a == 1 and\n\tb = 2";

        var rendered = ExpressionText.PointAt(text, text.IndexOf('=', 13));

        Assert.Equal("\tb = 2" + Environment.NewLine + "\t  ^", rendered);
    }

    [Fact]
    public void The_caret_can_point_past_the_end()
    {
        Assert.Equal("a ==" + Environment.NewLine + "    ^", ExpressionText.PointAt("a ==", 4));
    }

    [Fact]
    public void TryParse_returns_the_error_instead_of_throwing()
    {
        Assert.False(Expression.TryParse("a = 1", out var expression, out var error));
        Assert.Null(expression);
        Assert.Equal(2, error.Position);

        Assert.True(Expression.TryParse("a == 1", out expression, out error));
        Assert.Null(error);
        Assert.Equal("a == 1", expression.Text);
    }
}
