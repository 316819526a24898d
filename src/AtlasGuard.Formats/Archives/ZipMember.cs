using AtlasGuard.Formats.Compression;
using AtlasGuard.Formats.IO;

namespace AtlasGuard.Formats.Archives;

/// <summary>Opens the content of ZIP members located by <see cref="ZipDirectoryReader"/>, without extracting anything.</summary>
public static class ZipMember
{
    /// <summary>Whether members compressed with <paramref name="method"/> can be read.</summary>
    public static bool IsMethodSupported(ushort method) => method == ZipMethods.Stored || FormatOf(method) is not null;

    /// <summary>The decompression format of a method, or null for stored and unsupported methods.</summary>
    public static CompressionFormat? FormatOf(ushort method) => method switch
    {
        ZipMethods.Deflate => CompressionFormat.Deflate,
        ZipMethods.Deflate64 => CompressionFormat.Deflate64,
        ZipMethods.Bzip2 => CompressionFormat.Bzip2,
        ZipMethods.Lzma => CompressionFormat.ZipLzma,
        ZipMethods.Zstd => CompressionFormat.Zstd,
        ZipMethods.Xz => CompressionFormat.Xz,
        _ => null,
    };

    /// <summary>
    /// Opens a member from the start. Stored members are seekable windows over <paramref name="archive"/>; compressed
    /// members are forward-only and report damaged data as <see cref="InvalidDataException"/> while reading.
    /// The encrypted flag is ignored, as PyTorch ignores it.
    /// </summary>
    /// <param name="archive">The seekable archive stream the entry was read from.</param>
    /// <param name="entry">The member.</param>
    /// <param name="leaveOpen">Whether disposing the member stream leaves <paramref name="archive"/> open.</param>
    /// <exception cref="NotSupportedException">The member's method cannot be read (see <see cref="IsMethodSupported"/>).</exception>
    public static Stream Open(Stream archive, ZipEntry entry, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsMethodSupported(entry.Method))
        {
            throw new NotSupportedException($"ZIP compression method {entry.Method} ({ZipMethods.Name(entry.Method)}) is not supported.");
        }

        var raw = new SubStream(archive, entry.DataOffset, entry.CompressedSize, leaveOpen);
        if (entry.Method == ZipMethods.Stored)
        {
            return raw;
        }

        // Bit 1 of the flags says an LZMA end marker is present; otherwise the decoder needs the declared size.
        long? declared = entry.Method == ZipMethods.Lzma && (entry.Flags & 0x2) == 0 ? entry.UncompressedSize : null;
        return Decompression.Open(raw, FormatOf(entry.Method)!.Value, leaveOpen: false, declared);
    }
}
