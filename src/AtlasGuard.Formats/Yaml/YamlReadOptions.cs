namespace AtlasGuard.Formats.Yaml;

/// <summary>Bounds and choices for <see cref="YamlTreeReader"/>; the defaults suit hostile input.</summary>
public sealed record YamlReadOptions
{
    /// <summary>The defaults: depth 64, 250,000 nodes, merge keys refused, 2,000 documents per stream.</summary>
    public static YamlReadOptions Default { get; } = new();

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most nodes (scalars, mappings, sequences) per document, counting every node an alias expands to.</summary>
    public int MaxNodes { get; init; } = 250_000;

    /// <summary>Most documents read from one stream by <see cref="YamlTreeReader.ReadAll"/>.</summary>
    public int MaxDocuments { get; init; } = 2_000;

    /// <summary>
    /// Whether <c>&lt;&lt;</c> merge keys (common in compose files) are expanded: members of the merged mapping that
    /// the mapping does not set itself are copied in, and count against <see cref="MaxNodes"/>. When false a merge
    /// key is reported as unsupported and skipped.
    /// </summary>
    public bool ExpandMergeKeys { get; init; }
}
