namespace AtlasGuard.Formats.Compression;

/// <summary>Compressed stream formats the scanner meets in ML artifacts and archives.</summary>
public enum CompressionFormat
{
    /// <summary>Raw deflate (ZIP method 8).</summary>
    Deflate = 0,

    /// <summary>Deflate64 (ZIP method 9).</summary>
    Deflate64,

    /// <summary>gzip, including several concatenated members.</summary>
    Gzip,

    /// <summary>zlib (RFC 1950), as joblib writes.</summary>
    Zlib,

    /// <summary>bzip2, including concatenated streams.</summary>
    Bzip2,

    /// <summary>xz.</summary>
    Xz,

    /// <summary>"LZMA alone" (.lzma): 5 property bytes, an 8-byte size, then LZMA data; as joblib writes.</summary>
    LzmaAlone,

    /// <summary>LZMA as stored in ZIP method 14: a 4-byte version and property-length header, properties, data.</summary>
    ZipLzma,

    /// <summary>Zstandard.</summary>
    Zstd,

    /// <summary>LZ4 frame (no decoder available: not analysable).</summary>
    Lz4,
}
