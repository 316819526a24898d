namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>A model asset being drafted from model files or a serving manifest.</summary>
internal sealed class DraftModelAsset(string id)
{
    public string Id { get; set; } = id;

    /// <summary>What the files show about its kind (from a Hugging Face config), or null for a placeholder.</summary>
    public string? Kind { get; set; }

    public SortedSet<string> Serialization { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> BaseModels { get; } = new(StringComparer.Ordinal);

    public List<string> Todos { get; } = [];

    public List<(string Path, int Line, string Fact)> Evidence { get; } = [];
}
