namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>
/// An expression that parsed but cannot be evaluated against this data: a type error (such as <c>'a' &lt; 1</c>), an
/// unknown function or identifier, or an exhausted step budget. Position is the 0-based character of the culprit.
/// </summary>
public sealed class ExpressionEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionEvaluationException(string message, int position)
        : base($"{message} (at position {position})")
    {
        Position = position;
        Reason = message;
    }

    /// <summary>Creates the exception without a position (required by convention; prefer the other constructor).</summary>
    public ExpressionEvaluationException()
        : this("The expression cannot be evaluated.", 0)
    {
    }

    /// <summary>Creates the exception without a position (required by convention; prefer the other constructor).</summary>
    public ExpressionEvaluationException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception without a position (required by convention; prefer the other constructor).</summary>
    public ExpressionEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>0-based character position in the expression.</summary>
    public int Position { get; }

    /// <summary>The problem, without position.</summary>
    public string Reason { get; }
}
