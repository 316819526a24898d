using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Detectors;

/// <summary>The explicit list of built-in detectors and container readers. No reflection, no discovery.</summary>
public static class BuiltInDetectors
{
    /// <summary>Creates the built-in detectors.</summary>
    public static IReadOnlyList<IDetector> CreateDetectors(DetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [];
    }

    /// <summary>Creates the built-in container readers.</summary>
    public static IReadOnlyList<IContainerReader> CreateContainers() => [];

    /// <summary>Creates a validated set of everything built in.</summary>
    public static DetectorSet CreateSet(DetectorOptions options) => new(CreateDetectors(options), CreateContainers());
}
