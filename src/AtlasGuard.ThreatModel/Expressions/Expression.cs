using System.Diagnostics.CodeAnalysis;
using AtlasGuard.ThreatModel.Expressions.Evaluation;
using AtlasGuard.ThreatModel.Expressions.Nodes;
using AtlasGuard.ThreatModel.Expressions.Parsing;

namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>
/// A parsed rule expression. Parse once, then evaluate as often as needed, from any number of threads: the parsed
/// form is immutable and each evaluation keeps its own state.
/// </summary>
public sealed class Expression
{
    private readonly Node _root;

    private Expression(string text, Node root, ExpressionLimits limits)
    {
        Text = text;
        _root = root;
        Limits = limits;
        (var paths, var functions) = ReferenceCollector.Collect(root);
        Paths = paths;
        Functions = functions;
        Roots = [.. paths.Select(path => path.Root).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>The limits the expression was parsed with; evaluation uses its step budget.</summary>
    public ExpressionLimits Limits { get; }

    /// <summary>The root identifiers the expression reads, distinct and sorted.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Every member path (or bare root) the expression reads, in source order.</summary>
    public IReadOnlyList<PathReference> Paths { get; }

    /// <summary>Every function call, in source order, with its argument count.</summary>
    public IReadOnlyList<FunctionReference> Functions { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ExpressionSyntaxException"/> when it is not valid.</summary>
    public static Expression Parse(string text, ExpressionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= ExpressionLimits.Default;
        return new Expression(text, Parser.Parse(text, limits), limits);
    }

    /// <summary>Parses <paramref name="text"/>, returning the syntax error instead of throwing it.</summary>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out Expression? expression,
        [NotNullWhen(false)] out ExpressionSyntaxException? error,
        ExpressionLimits? limits = null)
    {
        try
        {
            expression = Parse(text, limits);
            error = null;
            return true;
        }
        catch (ExpressionSyntaxException exception)
        {
            expression = null;
            error = exception;
            return false;
        }
    }

    /// <summary>
    /// Evaluates against <paramref name="context"/>. Throws <see cref="ExpressionEvaluationException"/> on a type error,
    /// an unknown identifier or function, or an exhausted step budget.
    /// </summary>
    public ExpressionResult Evaluate(IExpressionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ExpressionResult(_root.Evaluate(new EvalState(context, Limits.MaxSteps)));
    }

    /// <summary>As <see cref="Evaluate"/>, and also throws unless the outcome is a boolean or unknown.</summary>
    public ExpressionResult EvaluateCondition(IExpressionContext context)
    {
        var result = Evaluate(context);
        return result.Value.Kind is ExprValueKind.Bool or ExprValueKind.Missing
            ? result
            : throw new ExpressionEvaluationException(
                $"A condition must give a boolean, but this one gives a {ExprValue.KindName(result.Value.Kind)}.", 0);
    }

    /// <summary>
    /// Checks the roots, member paths and function calls against what the host allows. Returns every problem found,
    /// in source order; an empty list means the expression only uses the vocabulary.
    /// </summary>
    public IReadOnlyList<ExpressionDiagnostic> Validate(ExpressionVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return ExpressionValidator.Validate(this, vocabulary);
    }

    /// <summary>The source text.</summary>
    public override string ToString() => Text;
}
