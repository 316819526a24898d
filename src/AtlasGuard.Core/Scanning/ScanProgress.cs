namespace AtlasGuard.Core.Scanning;

/// <summary>How far a scan has got.</summary>
/// <param name="FilesDone">Files finished.</param>
/// <param name="FilesTotal">Files found.</param>
/// <param name="BytesDone">Bytes of finished files.</param>
/// <param name="BytesTotal">Bytes of all files found.</param>
public readonly record struct ScanProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal);
