namespace AtlasGuard.Core.Scanning;

/// <summary>Budgets that keep a scan of hostile input bounded in time and memory.</summary>
public sealed record ScanLimits
{
    /// <summary>Files larger than this are not read; a finding says so. Default 64 GiB.</summary>
    public long MaxFileSize { get; init; } = 64L << 30;

    /// <summary>Time allowed for one file on disk, members included. Default 5 minutes.</summary>
    public TimeSpan PerFileTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How deep archives inside archives are opened. Default 4.</summary>
    public int MaxArchiveDepth { get; init; } = 4;

    /// <summary>Total bytes decompressed out of one file on disk, over all its members. Default 16 GiB.</summary>
    public long MaxDecompressedBytes { get; init; } = 16L << 30;

    /// <summary>Members read from one archive before the rest are reported as not scanned. Default 100,000.</summary>
    public int MaxArchiveMembers { get; init; } = 100_000;

    /// <summary>
    /// Largest compressed member that may be buffered in memory when a nested archive needs random access.
    /// Default 256 MiB.
    /// </summary>
    public long MaxInMemoryMember { get; init; } = 256L << 20;

    /// <summary>Compression ratio above which a member counts as a decompression bomb. Default 1,000.</summary>
    public long MaxCompressionRatio { get; init; } = 1_000;
}
