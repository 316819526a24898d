namespace AtlasGuard.Formats.Archives;

/// <summary>One member of a ZIP archive as the central directory describes it, located through its local header.</summary>
public sealed record ZipEntry
{
    /// <summary>Position of the record in the central directory (0-based).</summary>
    public required int Index { get; init; }

    /// <summary>The central directory's name (UTF-8 when valid, otherwise each byte as one character).</summary>
    public required string Name { get; init; }

    /// <summary>The compression method (0 stored, 8 deflate, 12 bzip2, 14 LZMA, 93 zstd, 95 xz, 99 AES...).</summary>
    public required ushort Method { get; init; }

    /// <summary>The central directory's general-purpose flags.</summary>
    public required ushort Flags { get; init; }

    /// <summary>The central directory's CRC-32 (never verified).</summary>
    public required uint Crc32 { get; init; }

    /// <summary>Bytes of member data in the archive.</summary>
    public required long CompressedSize { get; init; }

    /// <summary>The declared uncompressed size; it may lie.</summary>
    public required long UncompressedSize { get; init; }

    /// <summary>Absolute offset of the local header in the stream read.</summary>
    public required long LocalHeaderOffset { get; init; }

    /// <summary>Absolute offset of the member data: local header + 30 + the local header's own name and extra lengths.</summary>
    public required long DataOffset { get; init; }

    /// <summary>Irregularities tolerated while locating the member.</summary>
    public ZipAnomalies Anomalies { get; init; }

    /// <summary>True for names ending in a slash.</summary>
    public bool IsDirectory => Name.EndsWith('/');

    /// <summary>True when the encrypted flag is set or the method is AES (99).</summary>
    public bool IsEncryptedFlagged => (Flags & 0x1) != 0 || Method == ZipMethods.Aes;
}

/// <summary>ZIP compression method numbers.</summary>
public static class ZipMethods
{
    /// <summary>No compression.</summary>
    public const ushort Stored = 0;

    /// <summary>Deflate.</summary>
    public const ushort Deflate = 8;

    /// <summary>Deflate64.</summary>
    public const ushort Deflate64 = 9;

    /// <summary>bzip2.</summary>
    public const ushort Bzip2 = 12;

    /// <summary>LZMA (with the ZIP-specific 4-byte header).</summary>
    public const ushort Lzma = 14;

    /// <summary>Zstandard.</summary>
    public const ushort Zstd = 93;

    /// <summary>xz.</summary>
    public const ushort Xz = 95;

    /// <summary>WinZip AES encryption.</summary>
    public const ushort Aes = 99;

    /// <summary>A display name for a method number.</summary>
    public static string Name(ushort method) => method switch
    {
        Stored => "stored",
        1 => "shrink",
        2 or 3 or 4 or 5 => "reduce",
        6 => "implode",
        Deflate => "deflate",
        Deflate64 => "deflate64",
        10 => "PKWARE DCL implode",
        Bzip2 => "bzip2",
        Lzma => "lzma",
        18 => "IBM TERSE",
        19 => "IBM LZ77",
        Zstd => "zstd",
        94 => "mp3",
        Xz => "xz",
        96 => "jpeg",
        97 => "wavpack",
        98 => "ppmd",
        Aes => "AES-encrypted",
        _ => "unknown",
    };
}
