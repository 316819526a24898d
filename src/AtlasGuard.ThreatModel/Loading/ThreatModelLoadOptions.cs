using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Profiles;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>How <see cref="ThreatModelLoader"/> reads a document.</summary>
public sealed record ThreatModelLoadOptions
{
    /// <summary>Default limits, the embedded ATLAS catalog, the built-in profiles only.</summary>
    public static ThreatModelLoadOptions Default { get; } = new();

    /// <summary>Size, depth and node limits.</summary>
    public LoadLimits Limits { get; init; } = LoadLimits.Default;

    /// <summary>The catalog ATLAS ids are checked against; null for <see cref="AtlasCatalog.Embedded"/>.</summary>
    public AtlasCatalog? Catalog { get; init; }

    /// <summary>
    /// Profiles a pipeline may reference by id besides the built-ins, typically from
    /// <see cref="ThreatModelLoader.LoadProfilesFile"/>; on an id clash these win over the built-ins.
    /// </summary>
    public IReadOnlyList<AttackerProfile> Profiles { get; init; } = [];
}
