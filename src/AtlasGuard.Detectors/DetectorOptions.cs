using System.Collections.Immutable;

namespace AtlasGuard.Detectors;

/// <summary>Settings of the built-in detectors that a project may change.</summary>
public sealed record DetectorOptions
{
    /// <summary>Defaults.</summary>
    public static DetectorOptions Default { get; } = new();

    /// <summary>
    /// Extra callables (<c>module.Name</c> or <c>module.*</c>) that pickles may import, e.g. the project's own
    /// model classes. Known-dangerous callables stay dangerous whatever this says.
    /// </summary>
    public ImmutableArray<string> AllowedPickleGlobals { get; init; } = [];
}
