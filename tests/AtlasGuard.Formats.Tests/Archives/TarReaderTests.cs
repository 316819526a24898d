using System.Formats.Tar;
using System.Text;
using AtlasGuard.Formats.Archives;
using AtlasGuard.Testing;
using TarReader = AtlasGuard.Formats.Archives.TarReader;
using SysTarEntry = System.Formats.Tar.TarEntry;

namespace AtlasGuard.Formats.Tests.Archives;

public class TarReaderTests
{
    private static byte[] Tar(TarEntryFormat format, params (string Name, string Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var writer = new TarWriter(memory, format, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                SysTarEntry entry = format switch
                {
                    TarEntryFormat.V7 => new V7TarEntry(TarEntryType.V7RegularFile, name),
                    TarEntryFormat.Ustar => new UstarTarEntry(TarEntryType.RegularFile, name),
                    TarEntryFormat.Pax => new PaxTarEntry(TarEntryType.RegularFile, name),
                    _ => new GnuTarEntry(TarEntryType.RegularFile, name),
                };
                entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
                writer.WriteEntry(entry);
            }
        }

        return memory.ToArray();
    }

    private static List<(string Name, string Content)> ReadAll(Stream stream, out IReadOnlyList<ArchiveProblem> problems)
    {
        var result = new List<(string, string)>();
        using var reader = new TarReader(stream);
        while (reader.TryReadNext(out var entry))
        {
            using var data = reader.OpenCurrent();
            using var text = new StreamReader(data, Encoding.UTF8, leaveOpen: true);
            result.Add((entry!.Name, entry.IsFile ? text.ReadToEnd() : string.Empty));
        }

        problems = reader.Problems;
        return result;
    }

    [Theory]
    [InlineData(TarEntryFormat.V7)]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    public void Should_ReadEveryDialect_SeekableOrNot(TarEntryFormat format)
    {
        var tar = Tar(format, ("sys_info", "one"), ("pickle", new string('p', 700)), ("storages", "three"));
        foreach (var stream in new Stream[] { new MemoryStream(tar), new ForwardOnlyStream(tar, maxRead: 7) })
        {
            var entries = ReadAll(stream, out var problems);
            Assert.Empty(problems);
            Assert.Equal(["sys_info", "pickle", "storages"], entries.Select(e => e.Name));
            Assert.Equal(new string('p', 700), entries[1].Content);
        }
    }

    [Fact]
    public void Should_SkipUnreadData_OnForwardOnlyStreams()
    {
        var tar = Tar(TarEntryFormat.Ustar, ("a", new string('a', 1500)), ("b", "bee"));
        using var reader = new TarReader(new ForwardOnlyStream(tar, maxRead: 7));
        Assert.True(reader.TryReadNext(out _));
        var partial = reader.OpenCurrent();
        partial.ReadExactly(new byte[10]);
        Assert.Throws<InvalidOperationException>(() => { reader.OpenCurrent(); });
        Assert.True(reader.TryReadNext(out var second));
        Assert.Equal("b", second!.Name);
        using var text = new StreamReader(reader.OpenCurrent());
        Assert.Equal("bee", text.ReadToEnd());
        Assert.False(reader.TryReadNext(out _));
        Assert.True(reader.SawEndMarker);
    }

    [Theory]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Ustar)]
    public void Should_ReadLongNames(TarEntryFormat format)
    {
        var longName = string.Join('/', Enumerable.Repeat("directory", 15)) + "/data.pkl";
        var tar = Tar(format, (longName, "payload"));
        var entries = ReadAll(new MemoryStream(tar), out var problems);
        Assert.Empty(problems);
        Assert.Equal(longName, Assert.Single(entries).Name);
    }

    [Fact]
    public void Should_ReadBase256Sizes()
    {
        var tar = Tar(TarEntryFormat.Gnu, ("big", "0123456789"));
        var size = tar.AsSpan(124, 12);
        size.Clear();
        size[0] = 0x80;
        size[11] = 10;
        FixChecksum(tar, 0);
        var entries = ReadAll(new MemoryStream(tar), out var problems);
        Assert.Empty(problems);
        Assert.Equal("0123456789", Assert.Single(entries).Content);
    }

    [Fact]
    public void Should_ApplyPaxSizeAndPath()
    {
        var tar = new List<byte>();
        var pax = "10 size=5\n28 path=from/pax/header.pkl\n"u8.ToArray();
        tar.AddRange(Header("PaxHeaders/x", (byte)'x', pax.Length));
        tar.AddRange(Pad(pax));
        tar.AddRange(Header("short", (byte)'0', 0));
        tar.AddRange(Pad("hello"u8.ToArray()));
        tar.AddRange(new byte[1024]);
        var entries = ReadAll(new MemoryStream([.. tar]), out var problems);
        Assert.Empty(problems);
        Assert.Equal(("from/pax/header.pkl", "hello"), Assert.Single(entries));
    }

    [Fact]
    public void Should_RefuseHugeExtendedHeaders()
    {
        var tar = new List<byte>();
        tar.AddRange(Header("././@LongLink", (byte)'L', 100L << 20));
        tar.AddRange(new byte[1024]);
        using var reader = new TarReader(new MemoryStream([.. tar]));
        Assert.False(reader.TryReadNext(out _));
        Assert.Equal(ArchiveProblemKind.LimitExceeded, Assert.Single(reader.Problems).Kind);
    }

    [Fact]
    public void Should_ReportBadChecksums()
    {
        var tar = Tar(TarEntryFormat.Ustar, ("a", "x"));
        tar[0] = (byte)'b';
        ReadAll(new MemoryStream(tar), out var problems);
        Assert.Equal(ArchiveProblemKind.Damaged, Assert.Single(problems).Kind);
    }

    [Fact]
    public void Should_ReportTruncation_AtAnyOffset_WithoutThrowing()
    {
        var tar = Tar(TarEntryFormat.Pax, ("first", new string('1', 600)), (new string('n', 150), "second"));
        for (var length = 1; length < tar.Length; length += 13)
        {
            foreach (var stream in new Stream[] { new MemoryStream(tar[..length]), new ForwardOnlyStream(tar[..length], maxRead: 7) })
            {
                using var reader = new TarReader(stream);
                while (reader.TryReadNext(out _))
                {
                    try
                    {
                        reader.OpenCurrent().CopyTo(Stream.Null);
                    }
                    catch (EndOfStreamException)
                    {
                        // A forward-only member that ends early says so.
                    }
                }
            }
        }

        var ustar = Tar(TarEntryFormat.Ustar, ("first", new string('1', 600)));
        using var truncated = new TarReader(new MemoryStream(ustar[..700]));
        Assert.True(truncated.TryReadNext(out var entry));
        Assert.True(entry!.IsTruncated);
        Assert.Contains(truncated.Problems, p => p.Kind == ArchiveProblemKind.Damaged);
    }

    [Fact]
    public void Should_NotTreatLinksAndDirectoriesAsFiles()
    {
        using var memory = new MemoryStream();
        using (var writer = new TarWriter(memory, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "dir/"));
            writer.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc/passwd" });
        }

        var entries = new List<Formats.Archives.TarEntry>();
        using var reader = new TarReader(new MemoryStream(memory.ToArray()));
        while (reader.TryReadNext(out var entry))
        {
            entries.Add(entry!);
        }

        Assert.All(entries, e => Assert.False(e.IsFile));
        Assert.Equal("/etc/passwd", entries[1].LinkName);
    }

    [Theory]
    [InlineData("0000644\0", 420)]
    [InlineData("  644 \0", 420)]
    [InlineData("\0\0\0", 0)]
    public void Should_ParseOctalFields(string field, long expected)
    {
        Assert.True(TarReader.TryParseNumber(Encoding.ASCII.GetBytes(field), out var value));
        Assert.Equal(expected, value);
        Assert.False(TarReader.TryParseNumber("0009"u8, out _));
    }

    private static byte[] Header(string name, byte type, long size)
    {
        var header = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        header[156] = type;
        Encoding.ASCII.GetBytes("ustar\000").CopyTo(header, 257);
        FixChecksum(header, 0);
        return header;
    }

    private static byte[] Pad(byte[] data) => [.. data, .. new byte[(512 - (data.Length % 512)) % 512]];

    private static void FixChecksum(byte[] tar, int offset)
    {
        var header = tar.AsSpan(offset, 512);
        header.Slice(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header[148..]);
    }
}
