using System.Buffers;
using System.Buffers.Binary;
using AtlasGuard.Formats.IO;

namespace AtlasGuard.Formats.Safetensors;

/// <summary>
/// Reads the header of a safetensors file: the little-endian u64 header length, the JSON header (tensor
/// entries and <c>__metadata__</c>) and the layout it declares for the byte buffer. Only the first
/// 8 + header-length bytes are read; the tensor data never is, so the time taken does not depend on the
/// file's size. Never throws for malformed input: every inconsistency becomes a <see cref="SafetensorsProblem"/>.
/// </summary>
public static class SafetensorsReader
{
    /// <summary>The largest header the reference implementation accepts: 100,000,000 bytes.</summary>
    public const int DefaultMaxHeaderLength = 100_000_000;

    /// <summary>Reads a whole file (or as much of it as <paramref name="file"/> holds, which is then taken as its length).</summary>
    public static SafetensorsFile Read(ReadOnlySpan<byte> file, int maxHeaderLength = DefaultMaxHeaderLength)
    {
        if (file.Length < 8)
        {
            return TooShort(file.Length);
        }

        var declared = BinaryPrimitives.ReadUInt64LittleEndian(file);
        var lengthProblem = CheckHeaderLength(declared, file.Length, maxHeaderLength);
        if (lengthProblem is not null)
        {
            return Failed(file.Length, declared, lengthProblem);
        }

        return SafetensorsHeaderParser.Parse(file.Slice(8, (int)declared), declared, file.Length);
    }

    /// <summary>
    /// Reads the header from the current position of <paramref name="stream"/>, reading no more than the header.
    /// <paramref name="fileLength"/> is the length of the content from that position; when null it is taken from
    /// a seekable stream, and otherwise left unknown (the buffer-size checks are then skipped).
    /// </summary>
    public static SafetensorsFile Read(Stream stream, long? fileLength = null, int maxHeaderLength = DefaultMaxHeaderLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = fileLength ?? (stream.CanSeek ? stream.Length - stream.Position : null);
        Span<byte> prefix = stackalloc byte[8];
        var got = StreamSkip.ReadAtMost(stream, prefix);
        if (got < 8)
        {
            return TooShort(got);
        }

        var declared = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        var lengthProblem = CheckHeaderLength(declared, length, maxHeaderLength);
        if (lengthProblem is not null)
        {
            return Failed(length, declared, lengthProblem);
        }

        var headerLength = (int)declared;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, headerLength));
        try
        {
            var read = StreamSkip.ReadAtMost(stream, buffer.AsSpan(0, headerLength));
            if (read < headerLength)
            {
                return Failed(8 + read, declared, new SafetensorsProblem(SafetensorsProblemKind.HeaderBeyondFile,
                    $"The header length says {declared} bytes but the file ends after {read} header bytes.", 0));
            }

            return SafetensorsHeaderParser.Parse(buffer.AsSpan(0, headerLength), declared, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static SafetensorsProblem? CheckHeaderLength(ulong declared, long? fileLength, int maxHeaderLength)
    {
        if (fileLength is { } l && declared > (ulong)Math.Max(0, l - 8))
        {
            return new SafetensorsProblem(SafetensorsProblemKind.HeaderBeyondFile,
                $"The header length says {declared} bytes but only {Math.Max(0, l - 8)} bytes follow the length field.", 0);
        }

        if (declared > (ulong)Math.Max(0, maxHeaderLength))
        {
            return new SafetensorsProblem(SafetensorsProblemKind.HeaderTooLarge,
                $"The header length of {declared} bytes is above the limit of {maxHeaderLength} bytes.", 0);
        }

        return null;
    }

    private static SafetensorsFile TooShort(long length) => Failed(length, 0, new SafetensorsProblem(SafetensorsProblemKind.FileTooShort,
        $"The file has {length} bytes, fewer than the 8-byte header length.", 0));

    private static SafetensorsFile Failed(long? length, ulong declared, SafetensorsProblem problem) => new()
    {
        FileLength = length,
        DeclaredHeaderLength = declared,
        Problems = [problem],
    };
}
