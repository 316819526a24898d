using System.Text;
using AtlasGuard.Core.Sniffing;

namespace AtlasGuard.Core.Tests.Sniffing;

public sealed class ContentSnifferTests
{
    public static TheoryData<byte[], ArtifactKind> Samples => new()
    {
        { "PK\x03\x04rest"u8.ToArray(), ArtifactKind.Zip },
        { [0x1F, 0x8B, 0x08, 0x00], ArtifactKind.Gzip },
        { "BZh91AY&SY"u8.ToArray(), ArtifactKind.Bzip2 },
        { [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, 0x00], ArtifactKind.Xz },
        { [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C, 0x00], ArtifactKind.SevenZip },
        { [0x80, 0x02, (byte)'}', (byte)'.'], ArtifactKind.Pickle },
        { [0x80, 0x05, (byte)'N', (byte)'.'], ArtifactKind.Pickle },
        { [0x80, 0x01, 0xBF, 0x10, 0x00, 0x00, (byte)'%', (byte)'!', (byte)'P', (byte)'S'], ArtifactKind.Unknown }, // a Type 1 font; PROTO 1 pickles are left to the pickle detector's trial parse
        { [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 0x01, 0x00], ArtifactKind.NumpyArray },
        { [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A], ArtifactKind.Hdf5 },
        { "GGUF\x03\x00\x00\x00"u8.ToArray(), ArtifactKind.Gguf },
        { [0x78, 0x9C, 0x01, 0x02], ArtifactKind.Zlib },
        { [0x04, 0x22, 0x4D, 0x18], ArtifactKind.Lz4 },
        { [0x28, 0xB5, 0x2F, 0xFD], ArtifactKind.Zstd },
        { "import torch\n"u8.ToArray(), ArtifactKind.Unknown },
        { "{\"a\": 1}"u8.ToArray(), ArtifactKind.Unknown },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Identifies_content_by_its_bytes(byte[] head, ArtifactKind expected) =>
        Assert.Equal(expected, ContentSniffer.Sniff(head, head.Length));

    [Fact]
    public void Identifies_a_pickle_whatever_its_name_says()
    {
        // The sniffer never sees names; this documents that .bin/.pt/.txt do not matter.
        Assert.Equal(ArtifactKind.Pickle, ContentSniffer.Sniff([0x80, 0x04, 0x95], 3));
    }

    [Fact]
    public void Identifies_empty_content() => Assert.Equal(ArtifactKind.Empty, ContentSniffer.Sniff([], 0));

    [Fact]
    public void Identifies_safetensors_by_header_length_and_json()
    {
        var json = Encoding.ASCII.GetBytes("{\"__metadata__\":{}}");
        var bytes = new byte[8 + json.Length];
        BitConverter.TryWriteBytes(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);

        Assert.Equal(ArtifactKind.Safetensors, ContentSniffer.Sniff(bytes, bytes.Length));
    }

    [Fact]
    public void Rejects_a_safetensors_header_longer_than_the_file()
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes, 1000UL);
        bytes[8] = (byte)'{';

        Assert.NotEqual(ArtifactKind.Safetensors, ContentSniffer.Sniff(bytes, bytes.Length));
    }

    [Fact]
    public void Identifies_ustar_archives()
    {
        var header = new byte[512];
        Encoding.ASCII.GetBytes("ustar").CopyTo(header, 257);

        Assert.Equal(ArtifactKind.Tar, ContentSniffer.Sniff(header, 1024));
    }

    [Fact]
    public void Identifies_old_tar_archives_by_checksum()
    {
        var header = new byte[512];
        Encoding.ASCII.GetBytes("pickle").CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        long sum = 0;
        for (var i = 0; i < 512; i++)
        {
            sum += i is >= 148 and < 156 ? 32 : header[i];
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);

        Assert.Equal(ArtifactKind.Tar, ContentSniffer.Sniff(header, 1024));
    }
}
