using System.Text;

namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>Everything discovery has drafted so far. Readers add to it; one thread at a time.</summary>
internal sealed class DraftDocument
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public List<DraftComponent> Components { get; } = [];

    public List<DraftModelAsset> Models { get; } = [];

    public List<DiscoveryNote> Notes { get; } = [];

    /// <summary>Flows a reader knows from the product's architecture (a Ray head and its workers).</summary>
    public List<DraftFlow> Flows { get; } = [];

    /// <summary>ML libraries seen in dependency files, with the weakest pinning seen and where.</summary>
    public DependencyFacts Dependencies { get; } = new();

    public DraftComponent AddComponent(string rawName, string type, string displayName)
    {
        var component = new DraftComponent(NewId(rawName, type.Replace('_', '-')), type, displayName);
        Components.Add(component);
        return component;
    }

    public DraftModelAsset AddModel(string rawName)
    {
        var model = new DraftModelAsset(NewId(rawName, "model"));
        Models.Add(model);
        return model;
    }

    public DraftComponent? FirstOfType(string type) =>
        Components.Where(c => c.Type == type).OrderBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();

    public void Note(string path, int line, string message) => Notes.Add(new DiscoveryNote(path, line, message));

    /// <summary>A schema-valid id from a name, unique in the document: lower case, [a-z0-9._-], at most 64 characters.</summary>
    public string NewId(string raw, string fallback)
    {
        var id = Sanitize(raw);
        if (id.Length == 0)
        {
            id = Sanitize(fallback);
        }

        var candidate = id;
        for (var n = 2; !_ids.Add(candidate); n++)
        {
            var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            candidate = (id.Length + suffix.Length > 64 ? id[..(64 - suffix.Length)] : id) + suffix;
        }

        return candidate;
    }

    internal static string Sanitize(string raw)
    {
        var b = new StringBuilder(Math.Min(raw.Length, 64));
        foreach (var ch in raw.ToLowerInvariant())
        {
            var ok = ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';
            b.Append(ok ? ch : '-');
        }

        var s = b.ToString().Trim('-', '.', '_');
        while (s.Contains("--", StringComparison.Ordinal))
        {
            s = s.Replace("--", "-", StringComparison.Ordinal);
        }

        return s.Length > 64 ? s[..64].TrimEnd('-', '.', '_') : s;
    }
}
