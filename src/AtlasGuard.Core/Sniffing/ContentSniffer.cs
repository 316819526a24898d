using System.Buffers.Binary;

namespace AtlasGuard.Core.Sniffing;

/// <summary>
/// Identifies a file by its first bytes. Never trusts the name: a raw pickle called <c>weights.bin</c> and a
/// ZIP called <c>data.txt</c> are what their bytes say.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at; callers should supply at least this many when available.</summary>
    public const int HeadLength = 4096;

    /// <summary>Identifies content from its head. <paramref name="totalLength"/> is the full length when known.</summary>
    public static ArtifactKind Sniff(ReadOnlySpan<byte> head, long? totalLength = null)
    {
        if (head.IsEmpty)
        {
            return totalLength is null or 0 ? ArtifactKind.Empty : ArtifactKind.Unknown;
        }

        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8) || head.StartsWith("PK\x07\x08"u8))
        {
            return ArtifactKind.Zip;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return ArtifactKind.Gzip;
        }

        if (head.Length >= 4 && head.StartsWith("BZh"u8) && head[3] is >= (byte)'1' and <= (byte)'9')
        {
            return ArtifactKind.Bzip2;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00]))
        {
            return ArtifactKind.Xz;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C]))
        {
            return ArtifactKind.SevenZip;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x04, 0x22, 0x4D, 0x18]))
        {
            return ArtifactKind.Lz4;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
        {
            return ArtifactKind.Zstd;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y']))
        {
            return ArtifactKind.NumpyArray;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ArtifactKind.Hdf5;
        }

        if (head.StartsWith("GGUF"u8))
        {
            return ArtifactKind.Gguf;
        }

        // PROTO 2 to 5. PROTO 0 or 1 is written by no pickler and also starts every Type 1 font (PFB) segment:
        // such a head stays Unknown, and the pickle detector's trial parse decides.
        if (head.Length >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5)
        {
            return ArtifactKind.Pickle;
        }

        // A FlatBuffer's file identifier follows its 4-byte root offset. Checked after the pickle test so that
        // a pickle whose bytes 4-8 happen to read "TFL3" stays a pickle.
        if (head.Length >= 8 && head.Slice(4, 4).SequenceEqual("TFL3"u8))
        {
            return ArtifactKind.TfLite;
        }

        if (IsTar(head))
        {
            return ArtifactKind.Tar;
        }

        if (IsSafetensors(head, totalLength))
        {
            return ArtifactKind.Safetensors;
        }

        if (IsZlib(head))
        {
            return ArtifactKind.Zlib;
        }

        return IsLzmaAlone(head) ? ArtifactKind.Lzma : ArtifactKind.Unknown;
    }

    /// <summary>True for kinds that hold other files or a compressed stream of one.</summary>
    public static bool IsContainer(ArtifactKind kind) => kind is ArtifactKind.Zip or ArtifactKind.Gzip or ArtifactKind.Bzip2
        or ArtifactKind.Xz or ArtifactKind.Lzma or ArtifactKind.Zlib or ArtifactKind.SevenZip or ArtifactKind.Tar
        or ArtifactKind.Lz4 or ArtifactKind.Zstd;

    private static bool IsTar(ReadOnlySpan<byte> head)
    {
        if (head.Length < 512)
        {
            return false;
        }

        if (head.Slice(257, 5).SequenceEqual("ustar"u8))
        {
            return true;
        }

        // Old V7 archives have no magic; accept them only when the header checksum is right and the name is printable.
        return TarChecksumMatches(head[..512]) && head[0] is >= 0x20 and < 0x7F;
    }

    private static bool TarChecksumMatches(ReadOnlySpan<byte> header)
    {
        var field = header.Slice(148, 8);
        long stored = 0;
        var digits = 0;
        foreach (var b in field)
        {
            if (b is >= (byte)'0' and <= (byte)'7')
            {
                stored = (stored * 8) + (b - '0');
                digits++;
            }
            else if (b is 0 or (byte)' ')
            {
                if (digits > 0)
                {
                    break;
                }
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        long sum = 0;
        for (var i = 0; i < 512; i++)
        {
            sum += i is >= 148 and < 156 ? (byte)' ' : header[i];
        }

        return sum == stored;
    }

    private static bool IsSafetensors(ReadOnlySpan<byte> head, long? totalLength)
    {
        if (head.Length < 10)
        {
            return false;
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(head);
        if (headerLength < 2 || headerLength > 100_000_000 || (totalLength is { } t && (ulong)t < headerLength + 8))
        {
            return false;
        }

        var i = 8;
        while (i < head.Length && head[i] == (byte)' ')
        {
            i++;
        }

        return i < head.Length && head[i] == (byte)'{';
    }

    private static bool IsZlib(ReadOnlySpan<byte> head)
    {
        // CMF 0x78 (deflate, 32 KiB window), a FLG that makes the pair a multiple of 31, and no preset dictionary.
        return head.Length >= 2 && head[0] == 0x78 && ((head[0] << 8) | head[1]) % 31 == 0 && (head[1] & 0x20) == 0;
    }

    private static bool IsLzmaAlone(ReadOnlySpan<byte> head)
    {
        // joblib's lzma files: properties byte 0x5D, a power-of-two dictionary size, then the size or all ones.
        if (head.Length < 13 || head[0] != 0x5D)
        {
            return false;
        }

        var dictionary = BinaryPrimitives.ReadUInt32LittleEndian(head[1..]);
        return dictionary != 0 && (dictionary & (dictionary - 1)) == 0 && dictionary >= 1 << 12;
    }
}
