namespace AtlasGuard.ThreatModel.Model;

/// <summary>A 1-based line and column in a source document; <see cref="None"/> when unknown.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>No position (line and column 0).</summary>
    public static SourcePosition None => default;

    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
