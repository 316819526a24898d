using AtlasGuard.ThreatModel.Expressions;

namespace AtlasGuard.ThreatModel.Tests.Expressions;

public sealed class TypeRuleTests
{
    private const string Data = """{"p": {"n": 2, "s": "abc", "l": ["a", "b"], "o": {"k": 1}, "z": null, "b": true}}""";

    [Theory]
    [InlineData("1 == '1'", false)]
    [InlineData("true == 1", false)]
    [InlineData("null == false", false)]
    [InlineData("null == null", true)]
    [InlineData("'' == null", false)]
    [InlineData("[1] == 1", false)]
    [InlineData("p.n == 2.0", true)]
    [InlineData("p.n != '2'", true)]
    [InlineData("p.l == ['a', 'b']", true)]
    [InlineData("p.l == ['b', 'a']", false)]
    [InlineData("p.l == ['a']", false)]
    [InlineData("p.o == p.o", true)]
    [InlineData("'A' == 'a'", false)]
    public void Equality_across_types_is_false_not_an_error(string text, bool expected) =>
        Assert.Equal(expected, Eval.Run(text, Data).IsTrue);

    [Theory]
    [InlineData("1 < 2", true)]
    [InlineData("2 <= 2", true)]
    [InlineData("p.n > 1.5", true)]
    [InlineData("3 >= 4", false)]
    [InlineData("'apple' < 'banana'", true)]
    [InlineData("'B' < 'a'", true)] // ordinal
    [InlineData("'b' >= 'b'", true)]
    public void Orders_two_numbers_or_two_strings(string text, bool expected) =>
        Assert.Equal(expected, Eval.Run(text, Data).IsTrue);

    [Theory]
    [InlineData("1 < '2'", 2, "needs two numbers or two strings, not a number and a string")]
    [InlineData("p.z > 1", 4, "not a null and a number")]
    [InlineData("p.b >= true", 4, "not a boolean and a boolean")]
    [InlineData("p.l < p.l", 4, "not a list and a list")]
    public void Ordering_other_types_is_an_evaluation_error(string text, int position, string message)
    {
        var error = Eval.EvaluationError(text, Data);

        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'a' in p.l", true)]
    [InlineData("'c' in p.l", false)]
    [InlineData("'c' not in p.l", true)]
    [InlineData("2 in [1, 2.0]", true)]
    [InlineData("'2' in [1, 2]", false)]
    [InlineData("'bc' in p.s", true)]
    [InlineData("'cb' in p.s", false)]
    [InlineData("'' in p.s", true)]
    [InlineData("'k' in p.o", true)]
    [InlineData("'q' not in p.o", true)]
    [InlineData("['a'] in [['a'], ['b']]", true)]
    public void In_is_membership_substring_or_key(string text, bool expected) =>
        Assert.Equal(expected, Eval.Run(text, Data).IsTrue);

    [Theory]
    [InlineData("1 in p.s", "needs a string on the left, not a number")]
    [InlineData("'a' in p.n", "needs a list, a string or an object on the right, not a number")]
    [InlineData("'a' in p.z", "not a null")]
    [InlineData("p.s and true", "'and' needs booleans, not a string")]
    [InlineData("false or p.n", "'or' needs booleans, not a number")]
    [InlineData("not p.z", "'not' needs a boolean, not a null")]
    [InlineData("p.s ? 1 : 2", "condition of '?' must be a boolean")]
    [InlineData("-p.s", "'-' needs a number")]
    [InlineData("p.s.length", "Cannot read member 'length' of a string")]
    [InlineData("p.n[0]", "Cannot index a number")]
    [InlineData("p.l[0.5]", "whole number from 0")]
    [InlineData("p.l[-1]", "whole number from 0")]
    [InlineData("p.l['a']", "Cannot index a list with a string")]
    [InlineData("nobody == 1", "Unknown identifier 'nobody'")]
    [InlineData("nothing(1)", "Unknown function 'nothing'")]
    public void Other_type_errors_are_evaluation_errors(string text, string message)
    {
        var error = Eval.EvaluationError(text, Data);

        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_values_compare_by_equality_and_pass_through_to_host_functions()
    {
        var component = new object();
        var context = Eval.Context(Data)
            .SetRoot("self", ExprValue.Host(component))
            .SetRoot("other", ExprValue.Host(new object()))
            .SetFunction("is_component", args => ExprValue.Bool(ReferenceEquals(args[0].AsHost(), component)));

        Assert.True(Eval.Run("self == self and self != other and is_component(self)", context).IsTrue);
        Assert.True(Eval.Run("self != 'self' and self in [other, self]", context).IsTrue);
    }

    [Fact]
    public void A_condition_must_give_a_boolean()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(
            () => Expression.Parse("p.s").EvaluateCondition(Eval.Context(Data)));

        Assert.Contains("gives a string", error.Reason, StringComparison.Ordinal);
        Assert.Equal("abc", Expression.Parse("p.s").Evaluate(Eval.Context(Data)).Value.AsString());
    }
}
