namespace AtlasGuard.ThreatModel.Loading;

/// <summary>Bounds on a document, so that a hostile file fails fast instead of exhausting memory or the stack.</summary>
public sealed record LoadLimits
{
    /// <summary>The defaults: 4 MiB, nesting depth 64, 250,000 nodes.</summary>
    public static LoadLimits Default { get; } = new();

    /// <summary>Largest document in UTF-8 bytes.</summary>
    public long MaxBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most nodes (scalars, mappings, sequences), counting every node an alias expands to.</summary>
    public int MaxNodes { get; init; } = 250_000;
}
