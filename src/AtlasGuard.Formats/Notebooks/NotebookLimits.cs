namespace AtlasGuard.Formats.Notebooks;

/// <summary>Bounds on reading a notebook.</summary>
public sealed record NotebookLimits
{
    /// <summary>The defaults: depth 64, 100,000 cells, 10,000 outputs per cell.</summary>
    public static NotebookLimits Default { get; } = new();

    /// <summary>Deepest JSON nesting.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most cells read.</summary>
    public int MaxCells { get; init; } = 100_000;

    /// <summary>Most outputs read per cell.</summary>
    public int MaxOutputsPerCell { get; init; } = 10_000;
}
