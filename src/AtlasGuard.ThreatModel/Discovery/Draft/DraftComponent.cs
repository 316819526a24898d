using System.Text.Json.Nodes;

namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>A component being drafted: what the files showed, with the evidence and the open questions.</summary>
internal sealed class DraftComponent(string id, string type, string name)
{
    public string Id { get; set; } = id;

    public string Type { get; } = type;

    public string Name { get; } = name;

    public string? Exposure { get; set; }

    /// <summary>Why the exposure is what it is, written as a comment next to it.</summary>
    public string? ExposureReason { get; set; }

    public string? Serves { get; set; }

    /// <summary>Drafted from the repository's own code (notebooks, training scripts), so its dependency files apply to it.</summary>
    public bool FromRepositoryCode { get; set; }

    public SortedDictionary<string, JsonNode> Props { get; } = new(StringComparer.Ordinal);

    /// <summary>Comments written next to a prop (why it has that value).</summary>
    public Dictionary<string, string> PropReasons { get; } = new(StringComparer.Ordinal);

    /// <summary>Extra TODO lines for this component, beyond the unknown props.</summary>
    public List<string> Todos { get; } = [];

    /// <summary>Background on the product, written as plain comments.</summary>
    public List<string> Remarks { get; } = [];

    public List<(string Path, int Line, string Fact)> Evidence { get; } = [];

    /// <summary>Where its host names resolve: the compose file, or <c>k8s:</c> plus the namespace.</summary>
    public string Scope { get; set; } = string.Empty;

    /// <summary>Names other services in the same <see cref="Scope"/> use to reach it (compose service name, Kubernetes Service names).</summary>
    public SortedSet<string> HostNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Values that may name another service (env values, command arguments) with where they were seen.</summary>
    public List<(string Value, string Path, int Line)> Addresses { get; } = [];

    public void Set(string prop, JsonNode value, string? reason = null)
    {
        Props[prop] = value;
        if (reason is not null)
        {
            PropReasons[prop] = reason;
        }
    }

    public void AddEvidence(string path, int line, string fact) => Evidence.Add((path, line, fact));
}
