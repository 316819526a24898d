using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Expressions;

namespace AtlasGuard.ThreatModel.Tests.Expressions;

/// <summary>Parses and evaluates with roots taken from the top-level members of a JSON document.</summary>
internal static class Eval
{
    public static ExpressionContext Context(string json = "{}")
    {
        var context = new ExpressionContext();
        foreach (var (name, node) in JsonNode.Parse(json)!.AsObject())
        {
            context.SetRoot(name, ExprValue.FromJson(node));
        }

        return context;
    }

    public static ExpressionResult Run(string expression, string json = "{}") => Expression.Parse(expression).Evaluate(Context(json));

    public static ExpressionResult Run(string expression, IExpressionContext context) => Expression.Parse(expression).Evaluate(context);

    public static ExpressionSyntaxException SyntaxError(string expression, ExpressionLimits? limits = null) =>
        Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(expression, limits));

    public static ExpressionEvaluationException EvaluationError(string expression, string json = "{}") =>
        Assert.Throws<ExpressionEvaluationException>(() => Run(expression, json));
}
