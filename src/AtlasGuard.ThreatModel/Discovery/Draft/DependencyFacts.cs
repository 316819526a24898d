namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>ML libraries found in requirements files and pyproject.toml, and how they are pinned.</summary>
internal sealed class DependencyFacts
{
    private static readonly string[] Order = ["none", "versions", "digests"];

    public SortedSet<string> Libraries { get; } = new(StringComparer.Ordinal);

    /// <summary>The weakest pinning seen for an ML library: none, versions or digests; null when none was seen.</summary>
    public string? Pinning { get; private set; }

    public List<(string Path, int Line, string Fact)> Evidence { get; } = [];

    public void Add(string library, string pinning, string path, int line, string fact)
    {
        Libraries.Add(library);
        if (Pinning is null || Array.IndexOf(Order, pinning) < Array.IndexOf(Order, Pinning))
        {
            Pinning = pinning;
        }

        Evidence.Add((path, line, fact));
    }
}
