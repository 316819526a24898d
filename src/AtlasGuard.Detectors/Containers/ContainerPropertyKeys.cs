namespace AtlasGuard.Detectors.Containers;

/// <summary>
/// Member property keys set by the container readers in addition to <see cref="Core.Scanning.TargetProperties"/>,
/// so that policy can report what the readers tolerated.
/// </summary>
internal static class ContainerPropertyKeys
{
    /// <summary>Comma-separated <see cref="Formats.Archives.ZipAnomalies"/> of a ZIP member (absent when none).</summary>
    public const string ZipAnomalies = "zip.anomalies";

    /// <summary>Comma-separated <see cref="Formats.Archives.ZipArchiveAnomalies"/> of the ZIP the member came from (absent when none).</summary>
    public const string ZipArchiveAnomalies = "zip.archive-anomalies";

    /// <summary>The ZIP compression method name of a member ("stored", "deflate", ...).</summary>
    public const string ZipMethod = "zip.method";
}
