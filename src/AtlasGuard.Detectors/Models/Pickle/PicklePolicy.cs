using System.Collections.Frozen;
using System.Text.Json;

namespace AtlasGuard.Detectors.Models.Pickle;

/// <summary>What the policy says about one imported callable.</summary>
internal enum GlobalKind
{
    Safe,
    Unknown,
    Dangerous,
}

/// <summary>A verdict with the reason shown to users for dangerous names.</summary>
internal readonly record struct GlobalVerdict(GlobalKind Kind, string? Reason, string? MatchedEntry);

/// <summary>
/// Decides whether a pickle import is known-safe, known-dangerous or unknown. Data comes from the embedded
/// <c>pickle-policy.json</c>. Dangerous wins over everything: it is checked on the whole dotted path after
/// alias normalisation, on every attribute walk inside the name (<c>pathlib</c> + <c>os.system</c>) and on
/// dunder attributes; a user allowlist can add safe names but never make a dangerous one safe.
/// </summary>
internal sealed class PicklePolicy
{
    private const string ResourceName = "AtlasGuard.Detectors.Rules.pickle-policy.json";
    private static readonly Lazy<PolicyData> Data = new(LoadData);
    private readonly FrozenSet<string> _safeExact;
    private readonly FrozenSet<string> _safeModules;
    private readonly FrozenSet<string> _safeTrees;

    private PicklePolicy(FrozenSet<string> safeExact, FrozenSet<string> safeModules, FrozenSet<string> safeTrees)
    {
        _safeExact = safeExact;
        _safeModules = safeModules;
        _safeTrees = safeTrees;
    }

    /// <summary>The built-in policy plus <paramref name="extraAllowed"/> (entries like <c>pkg.Class</c>, <c>pkg.*</c>, <c>pkg.**</c>).</summary>
    public static PicklePolicy Create(IEnumerable<string> extraAllowed)
    {
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var modules = new HashSet<string>(StringComparer.Ordinal);
        var trees = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Data.Value.Safe.Concat(extraAllowed))
        {
            if (entry.EndsWith(".**", StringComparison.Ordinal))
            {
                trees.Add(entry[..^3]);
            }
            else if (entry.EndsWith(".*", StringComparison.Ordinal))
            {
                modules.Add(entry[..^2]);
            }
            else
            {
                exact.Add(entry);
            }
        }

        return new PicklePolicy(exact.ToFrozenSet(StringComparer.Ordinal), modules.ToFrozenSet(StringComparer.Ordinal),
            trees.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>Classifies <paramref name="module"/> + <paramref name="name"/> as a pickle would import them.</summary>
    public GlobalVerdict Classify(string module, string name, bool torchScript = false)
    {
        var data = Data.Value;
        var canonicalModule = Normalize(module, data.Aliases);
        var moduleParts = canonicalModule.Split('.');
        var nameParts = name.Split('.');
        if (moduleParts.Any(p => p.Length == 0) || nameParts.Any(p => p.Length == 0))
        {
            return new GlobalVerdict(GlobalKind.Unknown, null, null);
        }

        foreach (var part in nameParts.Concat(moduleParts))
        {
            if (data.DangerousAttributes.TryGetValue(part, out var attrReason))
            {
                return new GlobalVerdict(GlobalKind.Dangerous, attrReason, part);
            }
        }

        var all = moduleParts.Concat(nameParts).ToArray();

        // The whole path, then every attribute walk that starts inside the name: find_class("pathlib", "os.system")
        // reaches os.system through pathlib's own "os" attribute.
        for (var start = 0; start < all.Length; start++)
        {
            if (start > 0 && start < moduleParts.Length)
            {
                continue;
            }

            var path = Normalize(string.Join('.', all[start..]), data.Aliases);
            if (MatchDangerous(path, data) is { } hit)
            {
                return new GlobalVerdict(GlobalKind.Dangerous, hit.Reason, hit.Entry);
            }
        }

        var full = canonicalModule + "." + name;
        if (_safeExact.Contains(full) || _safeExact.Contains(module + "." + name))
        {
            return new GlobalVerdict(GlobalKind.Safe, null, full);
        }

        var plainName = nameParts.Length == 1 && !name.StartsWith('_');
        if (plainName && (_safeModules.Contains(canonicalModule) || InTree(canonicalModule)))
        {
            return new GlobalVerdict(GlobalKind.Safe, null, canonicalModule + ".*");
        }

        if (torchScript && data.TorchScriptSafeModules.Any(m => canonicalModule == m || canonicalModule.StartsWith(m + ".", StringComparison.Ordinal)))
        {
            return new GlobalVerdict(GlobalKind.Safe, null, canonicalModule);
        }

        return new GlobalVerdict(GlobalKind.Unknown, null, null);
    }

    private bool InTree(string module)
    {
        foreach (var tree in _safeTrees)
        {
            if (module == tree || module.StartsWith(tree + ".", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Entry, string Reason)? MatchDangerous(string path, PolicyData data)
    {
        // Longest-prefix search over the dotted components: "os.path.join" checks "os.path.join", "os.path", "os".
        var candidate = path;
        while (true)
        {
            if (data.DangerousExact.TryGetValue(candidate, out var reason))
            {
                return (candidate, reason);
            }

            if (data.DangerousTrees.TryGetValue(candidate, out reason))
            {
                return (candidate + ".*", reason);
            }

            var dot = candidate.LastIndexOf('.');
            if (dot < 0)
            {
                return null;
            }

            candidate = candidate[..dot];
        }
    }

    private static string Normalize(string dotted, FrozenDictionary<string, string> aliases)
    {
        // Aliases apply to the leading module components: "posix.system" -> "os.system", "numpy._core.x" -> "numpy.core.x".
        var candidate = dotted;
        while (true)
        {
            if (aliases.TryGetValue(candidate, out var replacement))
            {
                return replacement + dotted[candidate.Length..];
            }

            var dot = candidate.LastIndexOf('.');
            if (dot < 0)
            {
                return dotted;
            }

            candidate = candidate[..dot];
        }
    }

    private static PolicyData LoadData()
    {
        using var stream = typeof(PicklePolicy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = doc.RootElement;
        var aliases = root.GetProperty("aliases").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var attributes = root.GetProperty("dangerousAttributes").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var exact = new Dictionary<string, string>(StringComparer.Ordinal);
        var trees = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in root.GetProperty("dangerous").EnumerateObject())
        {
            if (p.Name.EndsWith(".*", StringComparison.Ordinal))
            {
                trees.Add(p.Name[..^2], p.Value.GetString()!);
            }
            else
            {
                exact.Add(p.Name, p.Value.GetString()!);
            }
        }

        return new PolicyData(
            aliases.ToFrozenDictionary(StringComparer.Ordinal),
            attributes.ToFrozenDictionary(StringComparer.Ordinal),
            exact.ToFrozenDictionary(StringComparer.Ordinal),
            trees.ToFrozenDictionary(StringComparer.Ordinal),
            [.. root.GetProperty("safe").EnumerateArray().Select(e => e.GetString()!)],
            [.. root.GetProperty("torchscriptSafeModules").EnumerateArray().Select(e => e.GetString()!)]);
    }

    private sealed record PolicyData(
        FrozenDictionary<string, string> Aliases,
        FrozenDictionary<string, string> DangerousAttributes,
        FrozenDictionary<string, string> DangerousExact,
        FrozenDictionary<string, string> DangerousTrees,
        string[] Safe,
        string[] TorchScriptSafeModules);
}
