using System.Formats.Tar;
using System.IO.Compression;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Detectors.Containers;
using static AtlasGuard.Detectors.Tests.Containers.ContainerTestKit;

namespace AtlasGuard.Detectors.Tests.Containers;

public class TarContainerReaderTests
{
    private readonly TarContainerReader _reader = new();

    [Fact]
    public void Should_RecogniseTheLegacyPyTorchLayout()
    {
        var sink = new ListSink();
        var target = Fixture("legacy-torch.tar");
        Assert.True(_reader.CanRead(target));
        var entries = _reader.ReadEntries(target, Context(), sink).ToList();
        Assert.Empty(sink.Findings);
        Assert.Equal(["sys_info", "pickle", "tensors", "storages"], entries.Select(e => e.Path));
        Assert.All(entries, e => Assert.Equal("pytorch-legacy-tar", e.Properties[TargetProperties.ContainerFormat]));
        Assert.Equal(
            ["pytorch-legacy-sysinfo", "pytorch-legacy-pickle", "pytorch-legacy-tensors", "pytorch-legacy-storages"],
            entries.Select(e => e.Properties[TargetProperties.Role]));
        Assert.All(entries, e => Assert.Equal(0x80, ReadAll(e)[0]));
    }

    [Fact]
    public void Should_YieldRegularFilesOfAGenericTar_AndReportTruncation()
    {
        var tar = Tar(("model/weights.bin", new string('w', 2000)), ("model/config.json", "{}"));
        var entries = _reader.ReadEntries(Target(tar), Context(), new ListSink()).ToList();
        Assert.Equal(["model/weights.bin", "model/config.json"], entries.Select(e => e.Path));
        Assert.All(entries, e => Assert.Equal("tar", e.Properties[TargetProperties.ContainerFormat]));
        Assert.Equal("{}", Text(entries[1]));
        Assert.Equal(Text(entries[0]), Text(entries[0]));

        var sink = new ListSink();
        var truncated = _reader.ReadEntries(Target(tar[..1500], seekable: false), Context(), sink).ToList();
        Assert.Equal(1500 - 512, Assert.Single(truncated).Open().Length);
        Assert.Contains(sink.Findings, f => f.RuleId == "AG-SCN-005");
    }

    private static byte[] Tar(params (string Name, string Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var writer = new TarWriter(memory, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Bytes(content)) });
            }
        }

        return memory.ToArray();
    }
}

public class CompressedStreamReaderTests
{
    private readonly CompressedStreamReader _reader = new();

    [Theory]
    [InlineData("model.pkl.gz", "model.pkl")]
    [InlineData("weights.joblib.z", "weights.joblib")]
    [InlineData("bundle.tgz", "bundle.tar")]
    [InlineData("data.XZ", "data")]
    [InlineData("model.joblib", "model.joblib.decompressed")]
    [InlineData(".gz", ".gz.decompressed")]
    public void Should_NameTheMember(string target, string member)
    {
        Assert.Equal(member, CompressedStreamReader.MemberName(target));
    }

    [Fact]
    public void Should_DecompressGzip_AsOneMember()
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write([0x80, 0x04, 0x4B, 0x01, 0x2E]);
        }

        var target = Target(memory.ToArray(), "model.pkl.gz");
        Assert.True(_reader.CanRead(target));
        var entry = Assert.Single(_reader.ReadEntries(target, Context(), new ListSink()));
        Assert.Equal("model.pkl", entry.Path);
        Assert.Equal("gzip", entry.Properties[TargetProperties.ContainerFormat]);
        Assert.Equal([0x80, 0x04, 0x4B, 0x01, 0x2E], ReadAll(entry));
        Assert.Equal([0x80, 0x04, 0x4B, 0x01, 0x2E], ReadAll(entry));
    }

    [Fact]
    public void Should_ReportLz4_AsNotAnalysed()
    {
        var lz4 = Convert.FromBase64String("BCJNGGRApxYAAADPaGVsbG8gd29ybGQgDADMUG9ybGQgAAAAAB0kmQQ=");
        var sink = new ListSink();
        var target = Target(lz4, "x.lz4");
        Assert.True(_reader.CanRead(target));
        Assert.Empty(_reader.ReadEntries(target, Context(), sink));
        Assert.Equal("AG-SCN-010", Assert.Single(sink.Findings).RuleId);
    }
}

public class BuiltInContainersTests
{
    [Fact]
    public void Should_ListTheReadersInAFixedOrder_WithUniqueIds()
    {
        Assert.Equal(["zip", "tar", "compressed-stream", "7z"], BuiltInContainers.All.Select(c => c.Id));
        Assert.All(BuiltInContainers.All, c => Assert.NotEmpty(c.Rules));
    }
}
