namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>An expression that cannot be parsed, with the 0-based character position of the problem.</summary>
public sealed class ExpressionSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionSyntaxException(string expression, int position, string message, string? hint = null)
        : base(Format(position, message, hint))
    {
        Expression = expression;
        Position = position;
        Reason = message;
        Hint = hint;
    }

    /// <summary>Creates the exception without an expression (required by convention; prefer the other constructor).</summary>
    public ExpressionSyntaxException()
        : this("", 0, "Invalid expression.")
    {
    }

    /// <summary>Creates the exception without an expression (required by convention; prefer the other constructor).</summary>
    public ExpressionSyntaxException(string message)
        : this("", 0, message)
    {
    }

    /// <summary>Creates the exception without an expression (required by convention; prefer the other constructor).</summary>
    public ExpressionSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expression = "";
        Reason = message;
    }

    /// <summary>The expression text.</summary>
    public string Expression { get; }

    /// <summary>0-based character position in <see cref="Expression"/>.</summary>
    public int Position { get; }

    /// <summary>The problem, without position or hint.</summary>
    public string Reason { get; }

    /// <summary>A suggestion, such as "did you mean '=='?", or null.</summary>
    public string? Hint { get; }

    /// <summary>The line of the expression that holds the problem with a caret under it, then the message.</summary>
    public string Render() => ExpressionText.PointAt(Expression, Position) + Environment.NewLine + Message;

    private static string Format(int position, string message, string? hint) =>
        hint is null ? $"{message} (at position {position})" : $"{message} (at position {position}; {hint})";
}
