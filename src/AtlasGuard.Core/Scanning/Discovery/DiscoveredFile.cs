namespace AtlasGuard.Core.Scanning.Discovery;

/// <summary>A file found by discovery.</summary>
/// <param name="FullPath">Absolute path on disk.</param>
/// <param name="RelativePath">Path relative to the scan root, forward slashes.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="IsGitIgnored">True when .gitignore excludes it: only model artifacts are scanned in such files.</param>
public sealed record DiscoveredFile(string FullPath, string RelativePath, long Length, bool IsGitIgnored);
