namespace AtlasGuard.Core.Scanning;

/// <summary>Counts that describe a finished scan. Deterministic: no timings.</summary>
public sealed record ScanStatistics
{
    /// <summary>Files on disk that were read.</summary>
    public int FilesScanned { get; init; }

    /// <summary>Files skipped (size limit, unreadable, ignored and not an artifact).</summary>
    public int FilesSkipped { get; init; }

    /// <summary>Archive members that were scanned.</summary>
    public int MembersScanned { get; init; }

    /// <summary>Total size of the files read.</summary>
    public long BytesScanned { get; init; }
}
