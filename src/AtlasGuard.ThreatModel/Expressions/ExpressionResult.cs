namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>
/// The outcome of one evaluation. For a condition: true, false, or unknown ("needs information") with the sorted,
/// distinct paths whose absence decided that; paths that did not matter to the outcome are not reported.
/// </summary>
public readonly struct ExpressionResult(ExprValue value) : IEquatable<ExpressionResult>
{
    /// <summary>The value the expression gave.</summary>
    public ExprValue Value { get; } = value;

    /// <summary>True when the value is the boolean true.</summary>
    public bool IsTrue => Value.Kind == ExprValueKind.Bool && Value.AsBool();

    /// <summary>True when the value is the boolean false.</summary>
    public bool IsFalse => Value.Kind == ExprValueKind.Bool && !Value.AsBool();

    /// <summary>True when the model lacked information that the outcome depends on.</summary>
    public bool IsUnknown => Value.IsMissing;

    /// <summary>The missing paths that made the outcome unknown, sorted ordinally; empty when it is known.</summary>
    public IReadOnlyList<string> MissingPaths => Value.MissingPaths;

    /// <inheritdoc />
    public bool Equals(ExpressionResult other) => Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExpressionResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Equality of the values.</summary>
    public static bool operator ==(ExpressionResult left, ExpressionResult right) => left.Equals(right);

    /// <summary>Inequality of the values.</summary>
    public static bool operator !=(ExpressionResult left, ExpressionResult right) => !left.Equals(right);

    /// <summary><c>true</c>, <c>false</c>, <c>unknown (paths)</c>, or the value.</summary>
    public override string ToString() => IsUnknown ? $"unknown ({string.Join(", ", MissingPaths)})" : Value.ToString();
}
