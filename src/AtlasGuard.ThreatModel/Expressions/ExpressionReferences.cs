namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>
/// A member path the expression reads, such as <c>props.output.type</c>, or a bare root such as <c>self</c>.
/// Indexing ends a path: <c>props.tools[0].name</c> reads <c>props.tools</c>.
/// </summary>
/// <param name="Path">The dotted path, starting with the root identifier.</param>
/// <param name="Position">0-based position of the root identifier.</param>
public sealed record PathReference(string Path, int Position)
{
    /// <summary>The root identifier: the path up to its first dot.</summary>
    public string Root => Path.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? Path[..dot] : Path;
}

/// <summary>A function call in the expression.</summary>
/// <param name="Name">The function name.</param>
/// <param name="ArgumentCount">How many arguments the call passes.</param>
/// <param name="Position">0-based position of the name.</param>
/// <param name="IsBuiltIn">True for the language's own functions (<c>len</c>, <c>any</c>, ...).</param>
public sealed record FunctionReference(string Name, int ArgumentCount, int Position, bool IsBuiltIn);

/// <summary>A problem that static validation found, with the 0-based position it refers to.</summary>
/// <param name="Position">0-based character position in the expression.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Hint">A suggestion such as "did you mean 'props.output.type'?", or null.</param>
public sealed record ExpressionDiagnostic(int Position, string Message, string? Hint = null)
{
    /// <summary>The message with its position and hint.</summary>
    public override string ToString() =>
        Hint is null ? $"{Message} (at position {Position})" : $"{Message} (at position {Position}; {Hint})";
}
