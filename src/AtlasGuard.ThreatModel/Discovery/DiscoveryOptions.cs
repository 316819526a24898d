namespace AtlasGuard.ThreatModel.Discovery;

/// <summary>How far <see cref="PipelineDiscovery"/> reads a repository.</summary>
public sealed record DiscoveryOptions
{
    /// <summary>The defaults.</summary>
    public static DiscoveryOptions Default { get; } = new();

    /// <summary>The pipeline name written into <c>metadata.name</c>; null derives it from the folder name.</summary>
    public string? Name { get; init; }

    /// <summary>Glob patterns of paths to leave out, as for <c>scan --exclude</c>.</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>Whether files that <c>.gitignore</c> excludes are skipped (model files are still read).</summary>
    public bool UseGitIgnore { get; init; } = true;

    /// <summary>Largest file read as text (compose, manifests, workflows, notebooks, requirements); bigger ones become a note.</summary>
    public long MaxFileBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Most files looked at; the rest become one note.</summary>
    public int MaxFiles { get; init; } = 50_000;
}
