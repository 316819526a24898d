using System.Buffers.Binary;
using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Deflate64;
using SharpCompress.Compressors.LZMA;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;
using SharpCompressionMode = SharpCompress.Compressors.CompressionMode;

namespace AtlasGuard.Formats.Compression;

/// <summary>
/// Opens compressed streams as forward-only decompressed streams. The decoder is created on the first read, so
/// opening never fails for bad content: damaged or unsupported content surfaces when reading, always as an
/// <see cref="InvalidDataException"/> (or an <see cref="IOException"/> from the underlying stream). Callers must
/// bound how much they read: declared sizes are not trusted here.
/// </summary>
public static class Decompression
{
    /// <summary>Largest LZMA dictionary accepted (decoders allocate it): 256 MiB, above any standard preset.</summary>
    public const long MaxLzmaDictionary = 256L << 20;

    /// <summary>Whether a decoder exists for <paramref name="format"/>.</summary>
    public static bool IsSupported(CompressionFormat format) => format is not CompressionFormat.Lz4;

    /// <summary>A short lower-case name ("gzip", "xz", ...).</summary>
    public static string Name(CompressionFormat format) => format switch
    {
        CompressionFormat.Deflate => "deflate",
        CompressionFormat.Deflate64 => "deflate64",
        CompressionFormat.Gzip => "gzip",
        CompressionFormat.Zlib => "zlib",
        CompressionFormat.Bzip2 => "bzip2",
        CompressionFormat.Xz => "xz",
        CompressionFormat.LzmaAlone => "lzma",
        CompressionFormat.ZipLzma => "zip-lzma",
        CompressionFormat.Zstd => "zstd",
        CompressionFormat.Lz4 => "lz4",
        _ => "unknown",
    };

    /// <summary>Opens <paramref name="compressed"/> (positioned at the start of the compressed data) for decompression.</summary>
    /// <param name="compressed">The compressed bytes; need not be seekable.</param>
    /// <param name="format">Their format; must be <see cref="IsSupported"/>.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="compressed"/> open.</param>
    /// <param name="declaredLength">The uncompressed length when a container states it (used by <see cref="CompressionFormat.ZipLzma"/>).</param>
    /// <exception cref="NotSupportedException">The format has no decoder.</exception>
    public static Stream Open(Stream compressed, CompressionFormat format, bool leaveOpen = false, long? declaredLength = null)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        if (!IsSupported(format))
        {
            throw new NotSupportedException($"No decoder is available for {Name(format)}.");
        }

        Func<Stream, Stream> factory = format switch
        {
            CompressionFormat.Deflate => s => new DeflateStream(s, CompressionMode.Decompress, leaveOpen: true),
            CompressionFormat.Deflate64 => s => new Deflate64Stream(s, SharpCompressionMode.Decompress),
            CompressionFormat.Gzip => s => new GZipStream(s, CompressionMode.Decompress, leaveOpen: true),
            CompressionFormat.Zlib => s => new ZLibStream(s, CompressionMode.Decompress, leaveOpen: true),
            CompressionFormat.Bzip2 => s => BZip2Stream.Create(s, SharpCompressionMode.Decompress, decompressConcatenated: true,
                leaveOpen: true, tolerateTruncatedStream: false),
            CompressionFormat.Xz => s => new XZStream(s),
            CompressionFormat.LzmaAlone => OpenLzmaAlone,
            CompressionFormat.ZipLzma => s => OpenZipLzma(s, declaredLength),
            CompressionFormat.Zstd => s => new DecompressionStream(s, 0, checkEndOfStream: true, leaveOpen: true),
            _ => throw new NotSupportedException($"No decoder is available for {Name(format)}."),
        };
        return new DecompressingStream(compressed, factory, leaveOpen, Name(format));
    }

    private static Stream OpenLzmaAlone(Stream source)
    {
        Span<byte> header = stackalloc byte[13];
        if (IO.StreamSkip.ReadAtMost(source, header) != header.Length)
        {
            throw new InvalidDataException("The LZMA header is truncated.");
        }

        var properties = header[..5].ToArray();
        CheckLzmaProperties(properties);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(header[5..]);
        long outputSize = size == ulong.MaxValue ? -1 : size <= long.MaxValue ? (long)size
            : throw new InvalidDataException("The LZMA header declares an impossible size.");
        return LzmaStream.Create(properties, source, -1, outputSize, leaveOpen: true);
    }

    private static Stream OpenZipLzma(Stream source, long? declaredLength)
    {
        Span<byte> header = stackalloc byte[4];
        if (IO.StreamSkip.ReadAtMost(source, header) != header.Length)
        {
            throw new InvalidDataException("The ZIP LZMA header is truncated.");
        }

        var propertiesLength = BinaryPrimitives.ReadUInt16LittleEndian(header[2..]);
        if (propertiesLength != 5)
        {
            throw new InvalidDataException($"The ZIP LZMA header declares {propertiesLength} property bytes instead of 5.");
        }

        var properties = new byte[5];
        if (IO.StreamSkip.ReadAtMost(source, properties) != properties.Length)
        {
            throw new InvalidDataException("The ZIP LZMA properties are truncated.");
        }

        CheckLzmaProperties(properties);
        return LzmaStream.Create(properties, source, -1, declaredLength ?? -1, leaveOpen: true);
    }

    private static void CheckLzmaProperties(ReadOnlySpan<byte> properties)
    {
        if (properties[0] >= 9 * 5 * 5)
        {
            throw new InvalidDataException($"The LZMA properties byte 0x{properties[0]:X2} is invalid.");
        }

        var dictionary = BinaryPrimitives.ReadUInt32LittleEndian(properties[1..]);
        if (dictionary > MaxLzmaDictionary)
        {
            throw new InvalidDataException($"The LZMA dictionary ({dictionary} bytes) is larger than the {MaxLzmaDictionary} bytes allowed.");
        }
    }
}
