namespace AtlasGuard.Formats.Archives;

/// <summary>
/// Irregularities in one ZIP member that the reader tolerates, as PyTorch's miniz-based reader does, but records
/// so that policy can report them: each is a known way to make a stricter reader (Python's <c>zipfile</c>, older
/// scanners) refuse a file that <c>torch.load</c> still loads.
/// </summary>
[Flags]
public enum ZipAnomalies
{
    /// <summary>Nothing unusual.</summary>
    None = 0,

    /// <summary>The local header's file name differs from the central directory's (CVE-2025-1944).</summary>
    NameMismatch = 1 << 0,

    /// <summary>General-purpose flag bit 0 ("encrypted") is set (CVE-2025-1945).</summary>
    EncryptedFlag = 1 << 1,

    /// <summary>General-purpose flag bit 5 ("compressed patched data") is set.</summary>
    PatchedDataFlag = 1 << 2,

    /// <summary>General-purpose flag bit 6 ("strong encryption") is set.</summary>
    StrongEncryptionFlag = 1 << 3,

    /// <summary>The local header's flags differ from the central directory's.</summary>
    FlagMismatch = 1 << 4,

    /// <summary>The local header's CRC-32 differs from the central directory's (CRCs are never verified; CVE-2025-10156).</summary>
    CrcMismatch = 1 << 5,

    /// <summary>The local header's compression method differs from the central directory's; the latter is used.</summary>
    MethodMismatch = 1 << 6,

    /// <summary>The local header's sizes differ from the central directory's; the latter are used.</summary>
    SizeMismatch = 1 << 7,

    /// <summary>A stored member whose compressed and uncompressed sizes differ.</summary>
    StoredSizeMismatch = 1 << 8,

    /// <summary>The member's bytes overlap another member's.</summary>
    OverlapsOtherEntry = 1 << 9,

    /// <summary>Another member has the same name; loaders disagree on which one wins.</summary>
    DuplicateName = 1 << 10,
}

/// <summary>Irregularities of a ZIP archive as a whole that the reader tolerates.</summary>
[Flags]
public enum ZipArchiveAnomalies
{
    /// <summary>Nothing unusual.</summary>
    None = 0,

    /// <summary>Data precedes the archive; offsets were taken relative to the end records.</summary>
    PrependedData = 1 << 0,

    /// <summary>The central directory holds a different number of records than the end record declares.</summary>
    EntryCountMismatch = 1 << 1,

    /// <summary>The archive uses ZIP64 end records.</summary>
    Zip64 = 1 << 2,

    /// <summary>The end record's comment length does not match the bytes after it.</summary>
    CommentLengthMismatch = 1 << 3,

    /// <summary>The end record names several disks; they were ignored.</summary>
    MultiDisk = 1 << 4,
}
