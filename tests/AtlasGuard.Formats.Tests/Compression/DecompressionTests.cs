using System.IO.Compression;
using System.Text;
using AtlasGuard.Formats.Compression;
using AtlasGuard.Testing;

namespace AtlasGuard.Formats.Tests.Compression;

public class DecompressionTests
{
    private static readonly string Hello = string.Concat(Enumerable.Repeat("hello world ", 20));

    // Produced with python3's bz2 (two concatenated streams), lzma (xz and FORMAT_ALONE) and the zstd and lz4 tools.
    private const string Bzip2Concatenated =
        "QlpoOTFBWSZTWdtIU4UAADGRgEAABkSQgCAAUIYEBSqMyjwmEwmE6TSaTonxNJhPxdyRThQkNtIU4UBCWmg5MUFZJlNZJooCNAAAAoGADgGIACAAIhhoMAcCmF3JFOFCQJooCNA=";

    private const string Xz =
        "/Td6WFoAAATm1rRGAgAhARYAAAB0L+Wj4ADvABNdADQZSe6N6ReJOjNf/YJe2AyIAAAAAOfKedLN91dQAAEv8AEAAAAGVCfFscRn+wIAAAAABFla";

    private const string LzmaAlone = "XQAAgAD//////////wA0GUnujekXiTozX/2CXthjH1v//9dKAAA=";

    private const string Zstd = "KLUv/QRYnQAAYGhlbGxvIHdvcmxkIAEA4VMlCdWgiQQ=";

    private static string ReadAll(Stream compressed, CompressionFormat format)
    {
        using var s = Decompression.Open(compressed, format);
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    private static byte[] Compress(Func<Stream, Stream> compressor, string text)
    {
        using var m = new MemoryStream();
        using (var c = compressor(m))
        {
            c.Write(Encoding.UTF8.GetBytes(text));
        }

        return m.ToArray();
    }

    [Fact]
    public void Should_ReadMultiMemberGzip()
    {
        var first = Compress(m => new GZipStream(m, CompressionLevel.Optimal, true), "first ");
        var second = Compress(m => new GZipStream(m, CompressionLevel.Optimal, true), "second");
        Assert.Equal("first second", ReadAll(new MemoryStream([.. first, .. second]), CompressionFormat.Gzip));
    }

    [Fact]
    public void Should_ReadZlibAndDeflate_FromForwardOnlyStreams()
    {
        var zlib = Compress(m => new ZLibStream(m, CompressionLevel.Optimal, true), Hello);
        Assert.Equal(Hello, ReadAll(new ForwardOnlyStream(zlib, maxRead: 7), CompressionFormat.Zlib));
        var deflate = Compress(m => new DeflateStream(m, CompressionLevel.Optimal, true), Hello);
        Assert.Equal(Hello, ReadAll(new ForwardOnlyStream(deflate, maxRead: 7), CompressionFormat.Deflate));
    }

    [Theory]
    [InlineData(Bzip2Concatenated, CompressionFormat.Bzip2, true)]
    [InlineData(Xz, CompressionFormat.Xz, false)]
    [InlineData(LzmaAlone, CompressionFormat.LzmaAlone, false)]
    [InlineData(Zstd, CompressionFormat.Zstd, false)]
    public void Should_ReadSharpCompressFormats(string base64, CompressionFormat format, bool concatenated)
    {
        var expected = concatenated ? Hello + "second" : Hello;
        Assert.Equal(expected, ReadAll(new ForwardOnlyStream(Convert.FromBase64String(base64), maxRead: 7), format));
    }

    [Theory]
    [InlineData(Bzip2Concatenated, CompressionFormat.Bzip2)]
    [InlineData(Xz, CompressionFormat.Xz)]
    [InlineData(LzmaAlone, CompressionFormat.LzmaAlone)]
    [InlineData(Zstd, CompressionFormat.Zstd)]
    [InlineData("H4sIAAAAAAACA8tIzcnJVyjPL8pJUcggkQ0A1gF2QjwAAAA=", CompressionFormat.Gzip)]
    public void Should_ReportDamage_OnlyAsInvalidDataOrEndOfStream(string base64, CompressionFormat format)
    {
        var data = Convert.FromBase64String(base64);
        for (var length = 0; length < data.Length; length++)
        {
            AssertFailsCleanly(data[..length], format);
            var corrupted = (byte[])data.Clone();
            corrupted[length] ^= 0x5A;
            AssertFailsCleanly(corrupted, format);
        }
    }

    [Fact]
    public void Should_OpenLazily_SoThatGarbageFailsOnRead()
    {
        using var s = Decompression.Open(new MemoryStream("not compressed at all"u8.ToArray()), CompressionFormat.Xz);
        Assert.Throws<InvalidDataException>(() => s.ReadByte());
    }

    [Fact]
    public void Should_RefuseHugeLzmaDictionaries()
    {
        var data = Convert.FromBase64String(LzmaAlone);
        data[4] = 0x40; // 1 GiB dictionary
        using var s = Decompression.Open(new MemoryStream(data), CompressionFormat.LzmaAlone);
        var ex = Assert.Throws<InvalidDataException>(() => s.ReadByte());
        Assert.Contains("dictionary", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_SayLz4IsNotSupported()
    {
        Assert.False(Decompression.IsSupported(CompressionFormat.Lz4));
        Assert.Throws<NotSupportedException>(() => Decompression.Open(new MemoryStream(), CompressionFormat.Lz4));
    }

    [Fact]
    public void Should_LeaveTheSourceOpen_OnlyWhenAsked()
    {
        var source = new MemoryStream(Convert.FromBase64String(Zstd));
        Decompression.Open(source, CompressionFormat.Zstd, leaveOpen: true).Dispose();
        Assert.True(source.CanRead);
        Decompression.Open(source, CompressionFormat.Zstd).Dispose();
        Assert.False(source.CanRead);
    }

    private static void AssertFailsCleanly(byte[] data, CompressionFormat format)
    {
        try
        {
            using var s = Decompression.Open(new MemoryStream(data), format);
            s.CopyTo(Stream.Null);
        }
        catch (InvalidDataException)
        {
        }
        catch (EndOfStreamException)
        {
        }
    }
}
