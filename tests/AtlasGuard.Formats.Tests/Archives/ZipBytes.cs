using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AtlasGuard.Formats.Tests.Archives;

/// <summary>Builds ZIP archives with System.IO.Compression and finds their records for byte-patching.</summary>
internal static class ZipBytes
{
    public static byte[] Create(params (string Name, string Content, bool Compress)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, compress) in entries)
            {
                var entry = zip.CreateEntry(name, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var s = entry.Open();
                s.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return memory.ToArray();
    }

    public static int Eocd(byte[] zip)
    {
        for (var i = zip.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == 0x06054b50)
            {
                return i;
            }
        }

        throw new InvalidOperationException("No EOCD.");
    }

    /// <summary>Offsets of the central directory records.</summary>
    public static List<int> Central(byte[] zip)
    {
        var eocd = Eocd(zip);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(eocd + 10));
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(eocd + 16));
        var result = new List<int>();
        for (var i = 0; i < count; i++)
        {
            result.Add(at);
            at += 46 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 30))
                + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 32));
        }

        return result;
    }

    /// <summary>Offset of the local header of the central record at <paramref name="central"/>.</summary>
    public static int Local(byte[] zip, int central) => (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(central + 42));

    public static void WriteUInt16(byte[] zip, int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(offset), value);

    public static void WriteUInt32(byte[] zip, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(offset), value);

    /// <summary>A one-member stored ZIP64 archive written by hand (zip64 extras, EOCD64 record and locator).</summary>
    public static byte[] Zip64(string name, byte[] data)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        using var m = new MemoryStream();
        using var w = new BinaryWriter(m);
        var crc = 0x12345678u; // CRCs are never verified.
        w.Write(0x04034b50u); w.Write((ushort)45); w.Write((ushort)0); w.Write((ushort)0); w.Write(0u); w.Write(crc);
        w.Write(uint.MaxValue); w.Write(uint.MaxValue); w.Write((ushort)nameBytes.Length); w.Write((ushort)20);
        w.Write(nameBytes); w.Write((ushort)1); w.Write((ushort)16); w.Write((ulong)data.Length); w.Write((ulong)data.Length);
        w.Write(data);
        var cdStart = m.Position;
        w.Write(0x02014b50u); w.Write((ushort)45); w.Write((ushort)45); w.Write((ushort)0); w.Write((ushort)0); w.Write(0u); w.Write(crc);
        w.Write(uint.MaxValue); w.Write(uint.MaxValue); w.Write((ushort)nameBytes.Length); w.Write((ushort)28); w.Write((ushort)0);
        w.Write((ushort)0); w.Write((ushort)0); w.Write(0u); w.Write(uint.MaxValue);
        w.Write(nameBytes); w.Write((ushort)1); w.Write((ushort)24); w.Write((ulong)data.Length); w.Write((ulong)data.Length); w.Write(0UL);
        var cdSize = m.Position - cdStart;
        var eocd64 = m.Position;
        w.Write(0x06064b50u); w.Write(44UL); w.Write((ushort)45); w.Write((ushort)45); w.Write(0u); w.Write(0u);
        w.Write(1UL); w.Write(1UL); w.Write((ulong)cdSize); w.Write((ulong)cdStart);
        w.Write(0x07064b50u); w.Write(0u); w.Write((ulong)eocd64); w.Write(1u);
        w.Write(0x06054b50u); w.Write((ushort)0); w.Write((ushort)0); w.Write(ushort.MaxValue); w.Write(ushort.MaxValue);
        w.Write(uint.MaxValue); w.Write(uint.MaxValue); w.Write((ushort)0);
        w.Flush();
        return m.ToArray();
    }
}
