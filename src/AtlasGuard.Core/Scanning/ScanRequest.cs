namespace AtlasGuard.Core.Scanning;

/// <summary>What to scan and how.</summary>
public sealed record ScanRequest
{
    /// <summary>Files and folders to scan.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>Files scanned at once. Default: the number of cores.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>gitignore-style patterns of paths to skip entirely.</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>Whether .gitignore files are honoured (ignored files are still checked for model artifacts).</summary>
    public bool UseGitIgnore { get; init; } = true;

    /// <summary>Time, size and archive budgets.</summary>
    public ScanLimits Limits { get; init; } = new();
}
