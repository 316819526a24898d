using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Core.Scanning.Discovery;

/// <summary>
/// Walks the scan paths. Never follows a link out of the root, never enters <c>.git</c>, prunes folders
/// matched by <c>--exclude</c>, and marks files that <c>.gitignore</c> excludes. Files are returned sorted
/// by relative path so every run sees the same order.
/// </summary>
public sealed class FileDiscovery
{
    private readonly string _root;
    private readonly IReadOnlyList<GlobPattern> _excludes;
    private readonly bool _useGitIgnore;
    private readonly IFindingSink _sink;

    /// <summary>Creates a discovery over <paramref name="root"/>.</summary>
    public FileDiscovery(string root, IEnumerable<string> excludes, bool useGitIgnore, IFindingSink sink)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(excludes);
        ArgumentNullException.ThrowIfNull(sink);
        _root = Path.GetFullPath(root);
        _excludes = [.. excludes.Select(GlobPattern.TryParse).OfType<GlobPattern>()];
        _useGitIgnore = useGitIgnore;
        _sink = sink;
    }

    /// <summary>The common folder of <paramref name="paths"/>: the scan root that locations are relative to.</summary>
    public static string CommonRoot(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("At least one path is required.", nameof(paths));
        }

        string? common = null;
        foreach (var p in paths)
        {
            var full = Path.GetFullPath(p);
            var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
            common = common is null ? folder : CommonPrefix(common, folder);
        }

        return common!;
    }

    /// <summary>Lists the files under the given paths, sorted by relative path.</summary>
    public IReadOnlyList<DiscoveredFile> Discover(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var found = new Dictionary<string, DiscoveredFile>(StringComparer.Ordinal);
        foreach (var p in paths)
        {
            var full = Path.GetFullPath(p);
            if (Directory.Exists(full))
            {
                var relative = Relative(full);
                var rules = _useGitIgnore ? RulesFor(relative) : IgnoreRules.Empty;
                WalkFolder(full, relative, rules, inIgnored: false, found, cancellationToken);
            }
            else if (File.Exists(full))
            {
                AddFile(new FileInfo(full), Relative(full), ignored: false, found);
            }
        }

        return [.. found.Values.OrderBy(f => f.RelativePath, StringComparer.Ordinal)];
    }

    private void WalkFolder(string full, string relative, IgnoreRules parentRules, bool inIgnored,
        Dictionary<string, DiscoveredFile> found, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rules = _useGitIgnore ? IgnoreRules.ForFolder(parentRules, relative, full) : parentRules;
        FileSystemInfo[] entries;
        try
        {
            entries = new DirectoryInfo(full).GetFileSystemInfos();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(ScanRules.FileUnreadable, relative.Length == 0 ? "." : relative, $"Folder could not be listed: {ex.Message}");
            return;
        }

        Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var entry in entries)
        {
            var childRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            var isDirectory = entry is DirectoryInfo;
            if (isDirectory && entry.Name == ".git")
            {
                continue;
            }

            if (IsExcluded(childRelative, isDirectory))
            {
                continue;
            }

            var ignored = inIgnored || (_useGitIgnore && rules.IsIgnored(childRelative, isDirectory));
            if (entry.LinkTarget is not null)
            {
                HandleLink(entry, childRelative, ignored, found);
                continue;
            }

            if (entry is DirectoryInfo)
            {
                WalkFolder(entry.FullName, childRelative, rules, ignored, found, cancellationToken);
            }
            else if (entry is FileInfo file)
            {
                AddFile(file, childRelative, ignored, found);
            }
        }
    }

    private void HandleLink(FileSystemInfo entry, string relative, bool ignored, Dictionary<string, DiscoveredFile> found)
    {
        FileSystemInfo? target;
        try
        {
            target = entry.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            target = null;
        }

        if (target is null || !target.Exists)
        {
            return;
        }

        if (!IsInsideRoot(target.FullName))
        {
            Report(ScanRules.LinkNotFollowed, relative, $"Link to '{entry.LinkTarget}' leaves the scan root and was not followed.");
            return;
        }

        // Folders reached through links inside the root are scanned through their real path; following the
        // link as well would scan them twice or loop.
        if (target is FileInfo file)
        {
            AddFile(file, relative, ignored, found);
        }
    }

    private static void AddFile(FileInfo file, string relative, bool ignored, Dictionary<string, DiscoveredFile> found)
    {
        long length;
        try
        {
            length = file.Length;
        }
        catch (IOException)
        {
            length = 0;
        }

        found.TryAdd(relative, new DiscoveredFile(file.FullName, relative, length, ignored));
    }

    private bool IsExcluded(string relative, bool isDirectory)
    {
        foreach (var p in _excludes)
        {
            if (p.IsMatch(relative, isDirectory) && !p.IsNegated)
            {
                return true;
            }
        }

        return false;
    }

    private IgnoreRules RulesFor(string relative)
    {
        // A scan of a subfolder still honours the .gitignore files from the root down to that folder; the
        // folder's own file is read when the walk enters it.
        if (relative.Length == 0)
        {
            return IgnoreRules.Empty;
        }

        var rules = IgnoreRules.ForFolder(IgnoreRules.Empty, string.Empty, _root);
        var parts = relative.Split('/');
        var current = string.Empty;
        var currentFull = _root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            current = current.Length == 0 ? parts[i] : current + "/" + parts[i];
            currentFull = Path.Combine(currentFull, parts[i]);
            rules = IgnoreRules.ForFolder(rules, current, currentFull);
        }

        return rules;
    }

    private bool IsInsideRoot(string fullPath)
    {
        var normalized = Path.GetFullPath(fullPath);
        return normalized == _root || normalized.StartsWith(_root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar,
            StringComparison.Ordinal);
    }

    private string Relative(string full)
    {
        var rel = Path.GetRelativePath(_root, full).Replace('\\', '/');
        return rel == "." ? string.Empty : rel;
    }

    private void Report(RuleDescriptor rule, string relative, string message) =>
        _sink.Report(rule.CreateFinding(new ArtifactLocation(relative), message));

    private static string CommonPrefix(string a, string b)
    {
        var pa = a.Split(Path.DirectorySeparatorChar);
        var pb = b.Split(Path.DirectorySeparatorChar);
        var n = 0;
        while (n < pa.Length && n < pb.Length && pa[n] == pb[n])
        {
            n++;
        }

        var joined = string.Join(Path.DirectorySeparatorChar, pa.Take(n));
        return joined.Length == 0 ? Path.DirectorySeparatorChar.ToString() : joined;
    }
}
