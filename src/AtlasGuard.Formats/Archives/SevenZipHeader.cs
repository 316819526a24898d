using System.Buffers.Binary;

namespace AtlasGuard.Formats.Archives;

/// <summary>
/// The 32-byte signature header of a 7-Zip archive: magic, version, and where the real header ("next header")
/// lies. Checked before a 7z archive is handed to a full reader, so that a header claiming to lie outside the
/// file or to be enormous is reported instead of read.
/// </summary>
public readonly record struct SevenZipHeader(byte MajorVersion, byte MinorVersion, ulong NextHeaderOffset, ulong NextHeaderSize)
{
    /// <summary>Length of the signature header.</summary>
    public const int Length = 32;

    /// <summary>Parses the signature header and checks it against the archive's length.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, long archiveLength, long maxHeaderSize, out SevenZipHeader header, out string? problem)
    {
        header = default;
        if (data.Length < Length || !data.StartsWith((ReadOnlySpan<byte>)[(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C]))
        {
            problem = "not a 7-Zip signature header";
            return false;
        }

        header = new SevenZipHeader(data[6], data[7], BinaryPrimitives.ReadUInt64LittleEndian(data[12..]),
            BinaryPrimitives.ReadUInt64LittleEndian(data[20..]));
        var available = (ulong)Math.Max(0, archiveLength - Length);
        if (header.NextHeaderOffset > available || header.NextHeaderSize > available - header.NextHeaderOffset)
        {
            problem = $"the archive header claims {header.NextHeaderSize} bytes at offset {header.NextHeaderOffset}, beyond the end of the file";
            return false;
        }

        if (header.NextHeaderSize > (ulong)maxHeaderSize)
        {
            problem = $"the archive header is {header.NextHeaderSize} bytes, more than the {maxHeaderSize} allowed";
            return false;
        }

        problem = null;
        return true;
    }
}
