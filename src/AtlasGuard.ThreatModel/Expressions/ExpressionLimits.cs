namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>
/// Bounds on what an expression may cost. Rule files may come from users, so every bound is enforced: parsing fails
/// with <see cref="ExpressionSyntaxException"/> and evaluation with <see cref="ExpressionEvaluationException"/>.
/// </summary>
public sealed record ExpressionLimits
{
    /// <summary>The defaults: 4,096 characters, 64 levels, 256 list items, 16 arguments, 100,000 steps.</summary>
    public static ExpressionLimits Default { get; } = new();

    /// <summary>Longest expression text, in UTF-16 characters.</summary>
    public int MaxLength { get; init; } = 4096;

    /// <summary>Deepest nesting of the syntax tree (parentheses, operators, member paths, calls).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most items in one list literal.</summary>
    public int MaxListItems { get; init; } = 256;

    /// <summary>Most arguments in one function call.</summary>
    public int MaxArguments { get; init; } = 16;

    /// <summary>Most steps one evaluation may take: one per node evaluated and one per list item a comparison visits.</summary>
    public int MaxSteps { get; init; } = 100_000;
}
