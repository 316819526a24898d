namespace AtlasGuard.Core.Scanning.Discovery;

/// <summary>
/// The ignore patterns in force in one folder: its parent's, then the folder's own <c>.gitignore</c>. The
/// last matching pattern wins, as in git.
/// </summary>
internal sealed class IgnoreRules
{
    private const int MaxIgnoreFileBytes = 1 << 20;
    private readonly IgnoreRules? _parent;
    private readonly string _base;
    private readonly IReadOnlyList<GlobPattern> _patterns;

    private IgnoreRules(IgnoreRules? parent, string basePath, IReadOnlyList<GlobPattern> patterns)
    {
        _parent = parent;
        _base = basePath;
        _patterns = patterns;
    }

    public static IgnoreRules Empty { get; } = new(null, string.Empty, []);

    /// <summary>Rules of a folder whose relative path is <paramref name="basePath"/> given its parent's rules.</summary>
    public static IgnoreRules ForFolder(IgnoreRules parent, string basePath, string fullPath)
    {
        var file = Path.Combine(fullPath, ".gitignore");
        var info = new FileInfo(file);
        if (!info.Exists || info.LinkTarget is not null || info.Length > MaxIgnoreFileBytes)
        {
            return parent;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (IOException)
        {
            return parent;
        }
        catch (UnauthorizedAccessException)
        {
            return parent;
        }

        var patterns = new List<GlobPattern>(lines.Length);
        foreach (var line in lines)
        {
            if (GlobPattern.TryParse(line) is { } p)
            {
                patterns.Add(p);
            }
        }

        return patterns.Count == 0 ? parent : new IgnoreRules(parent, basePath, patterns);
    }

    /// <summary>Whether a path (relative to the scan root) is ignored.</summary>
    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        for (var rules = this; rules is not null; rules = rules._parent)
        {
            var local = rules._base.Length == 0 ? relativePath : relativePath[(rules._base.Length + 1)..];
            for (var i = rules._patterns.Count - 1; i >= 0; i--)
            {
                var p = rules._patterns[i];
                if (p.IsMatch(local, isDirectory))
                {
                    return !p.IsNegated;
                }
            }
        }

        return false;
    }
}
