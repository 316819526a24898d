using System.Collections.Immutable;

namespace AtlasGuard.Formats.Archives;

/// <summary>The members of a ZIP archive as <see cref="ZipDirectoryReader"/> found them, with the problems met on the way.</summary>
public sealed class ZipDirectory
{
    internal ZipDirectory(ImmutableArray<ZipEntry> entries, ImmutableArray<ArchiveProblem> problems, ZipArchiveAnomalies anomalies,
        long baseOffset, long declaredEntryCount, bool found)
    {
        Entries = entries;
        Problems = problems;
        Anomalies = anomalies;
        BaseOffset = baseOffset;
        DeclaredEntryCount = declaredEntryCount;
        IsZip = found;
    }

    /// <summary>True when an end-of-central-directory record was found.</summary>
    public bool IsZip { get; }

    /// <summary>Members whose data could be located, in central-directory order.</summary>
    public ImmutableArray<ZipEntry> Entries { get; }

    /// <summary>Problems met; members they concern are not in <see cref="Entries"/> unless the problem was tolerable.</summary>
    public ImmutableArray<ArchiveProblem> Problems { get; }

    /// <summary>Irregularities of the archive as a whole.</summary>
    public ZipArchiveAnomalies Anomalies { get; }

    /// <summary>Bytes of data found before the archive (0 normally).</summary>
    public long BaseOffset { get; }

    /// <summary>The member count the end record declares (it may lie).</summary>
    public long DeclaredEntryCount { get; }
}
