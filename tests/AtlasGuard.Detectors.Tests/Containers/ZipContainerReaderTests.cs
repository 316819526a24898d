using System.Buffers.Binary;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Detectors.Containers;
using static AtlasGuard.Detectors.Tests.Containers.ContainerTestKit;

namespace AtlasGuard.Detectors.Tests.Containers;

public class ZipContainerReaderTests
{
    private readonly ZipContainerReader _reader = new();

    private List<ContainerEntry> Read(ScanTarget target, ListSink sink, ScanLimits? limits = null) =>
        [.. _reader.ReadEntries(target, Context(limits), sink)];

    [Fact]
    public void Should_RecognisePyTorchCheckpoints_WithoutYieldingTensorData()
    {
        var sink = new ListSink();
        var entries = Read(Fixture("checkpoint.pt"), sink);
        Assert.Empty(sink.Findings);
        Assert.Equal(["checkpoint/data.pkl", "checkpoint/version"], entries.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal("pytorch-zip", e.Properties[TargetProperties.ContainerFormat]));
        var data = entries.Single(e => e.Path.EndsWith("data.pkl", StringComparison.Ordinal));
        Assert.Equal("pytorch-data-pickle", data.Properties[TargetProperties.Role]);
        Assert.Equal(0x80, ReadAll(data)[0]);
    }

    [Fact]
    public void Should_RecogniseTorchScript()
    {
        var sink = new ListSink();
        var entries = Read(Fixture("scripted.pt"), sink);
        Assert.Empty(sink.Findings);
        Assert.All(entries, e => Assert.Equal("torchscript", e.Properties[TargetProperties.ContainerFormat]));
        Assert.Equal("torchscript-constants", entries.Single(e => e.Path == "scripted/constants.pkl").Properties[TargetProperties.Role]);
        Assert.Equal("pytorch-data-pickle", entries.Single(e => e.Path == "scripted/data.pkl").Properties[TargetProperties.Role]);
        Assert.Contains(entries, e => e.Path == "scripted/code/__torch__.py");
        Assert.Contains("def forward", Text(entries.Single(e => e.Path == "scripted/code/__torch__.py")), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_RecogniseNpz()
    {
        var entries = Read(Fixture("arrays.npz"), new ListSink());
        Assert.Equal(["a.npy", "b.npy"], entries.Select(e => e.Path));
        Assert.All(entries, e => Assert.Equal("npz", e.Properties[TargetProperties.ContainerFormat]));
    }

    [Fact]
    public void Should_YieldEveryMemberOfAGenericZip_WhateverItsName()
    {
        var zip = Zip(("data.txt", [0x80, 0x04, 0x95], false), ("archive/data/0", Bytes("not a checkpoint"), true));
        var entries = Read(Target(zip), new ListSink());
        Assert.Equal(["data.txt", "archive/data/0"], entries.Select(e => e.Path));
        Assert.All(entries, e => Assert.Equal("zip", e.Properties[TargetProperties.ContainerFormat]));
        Assert.All(entries, e => Assert.False(e.Properties.ContainsKey(TargetProperties.Role)));
    }

    [Fact]
    public void Should_OpenAFreshStreamFromTheStart_EveryTime()
    {
        var zip = Zip(("a/data.pkl", Bytes("stored content"), false), ("a/version", Bytes("deflated content"), true));
        foreach (var entry in Read(Target(zip), new ListSink()))
        {
            using var first = entry.Open();
            first.ReadByte();
            using var second = entry.Open();
            Assert.Equal(Text(entry), new StreamReader(second).ReadToEnd());
        }
    }

    [Fact]
    public void Should_BufferNonSeekableTargets()
    {
        var zip = Zip(("a.txt", Bytes("alpha"), true));
        var entry = Assert.Single(Read(Target(zip, seekable: false), new ListSink()));
        Assert.Equal("alpha", Text(entry));

        var sink = new ListSink();
        Assert.Empty(Read(Target(zip, seekable: false), sink, new ScanLimits { MaxInMemoryMember = 10 }));
        Assert.Equal("AG-SCN-004", Assert.Single(sink.Findings).RuleId);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x20)]
    [InlineData(0x40)]
    public void Should_ReadMembersWithFlagBits_AndRecordTheAnomaly(ushort bit)
    {
        var zip = Zip(("archive/data.pkl", Bytes("PICKLE"), true), ("archive/version", Bytes("3"), false));
        PatchAllFlags(zip, bit);
        var sink = new ListSink();
        var entries = Read(Target(zip), sink);
        Assert.Empty(sink.Findings);
        var data = entries.Single(e => e.Path == "archive/data.pkl");
        Assert.Equal("PICKLE", Text(data));
        Assert.Contains("Flag", data.Properties[ContainerPropertyKeys.ZipAnomalies], StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ReportEncrypted_OnlyWhenTheContentCannotBeRead()
    {
        var zip = Zip(("secret.bin", Bytes(new string('s', 500)), true));
        PatchAllFlags(zip, 0x1);
        var dataOffset = 30 + "secret.bin".Length;
        for (var i = 0; i < 8; i++)
        {
            zip[dataOffset + i] = 0xFF; // deflate block type 3 is invalid: the data does not read as plain deflate
        }

        var sink = new ListSink();
        Assert.Empty(Read(Target(zip), sink));
        var finding = Assert.Single(sink.Findings);
        Assert.Equal("AG-SCN-006", finding.RuleId);
        Assert.Equal("secret.bin", finding.Location.InnerPath);
    }

    [Fact]
    public void Should_ReportUnsupportedMethods_AsNotAnalysed()
    {
        var zip = Zip(("a.bin", Bytes("aaaa"), true), ("b.bin", Bytes("bbbb"), true));
        var central = CentralRecords(zip);
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(central[0] + 10), 98);
        var sink = new ListSink();
        var entries = Read(Target(zip), sink);
        Assert.Equal(["b.bin"], entries.Select(e => e.Path));
        Assert.Equal("AG-SCN-010", Assert.Single(sink.Findings).RuleId);
    }

    [Fact]
    public void Should_ReportDamage_ForTruncatedArchives()
    {
        var zip = Zip(("a/data.pkl", Bytes("payload"), false));
        var sink = new ListSink();
        Assert.Empty(Read(Target(zip[..^10]), sink));
        Assert.Contains(sink.Findings, f => f.RuleId == "AG-SCN-005");
    }

    [Fact]
    public void Should_ReportOverlappingMembers_AsALimit_AndSkipThem()
    {
        var zip = Zip(("a.bin", Bytes("aaaa"), false), ("b.bin", Bytes("bbbb"), false));
        var central = CentralRecords(zip);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central[1] + 42), 0);
        var sink = new ListSink();
        var entries = Read(Target(zip), sink);
        Assert.Equal(["a.bin"], entries.Select(e => e.Path));
        Assert.Equal("AG-SCN-004", Assert.Single(sink.Findings).RuleId);
    }

    [Fact]
    public void Should_RespectTheMemberLimit()
    {
        var zip = Zip([.. Enumerable.Range(0, 20).Select(i => ($"m{i}", Bytes("x"), false))]);
        var sink = new ListSink();
        var entries = Read(Target(zip), sink, new ScanLimits { MaxArchiveMembers = 5 });
        Assert.Equal(5, entries.Count);
        Assert.Contains(sink.Findings, f => f.RuleId == "AG-SCN-004");
    }

    [Fact]
    public void Should_YieldNestedZips_AsSeekableMembers()
    {
        var inner = Zip(("inner/data.pkl", [0x80, 0x02, 0x4B, 0x01, 0x2E], false));
        var outer = Zip(("model.zip", inner, false), ("copy-of-self.zip", inner, true));
        var entries = Read(Target(outer), new ListSink());
        var stored = entries.Single(e => e.Path == "model.zip");
        using (var s = stored.Open())
        {
            Assert.True(s.CanSeek);
        }

        foreach (var entry in entries)
        {
            var nested = Target(ReadAll(entry), entry.Path);
            var innerEntry = Assert.Single(Read(nested, new ListSink()));
            Assert.Equal(0x80, ReadAll(innerEntry)[0]);
        }
    }

    [Fact]
    public void Should_NeverThrow_OnCorruptedArchives()
    {
        var original = Zip(("a/data.pkl", Bytes(new string('p', 400)), true), ("a/version", Bytes("3"), false));
        var random = new Random(7);
        for (var round = 0; round < 1000; round++)
        {
            var zip = (byte[])original.Clone();
            zip[random.Next(zip.Length)] = (byte)random.Next(256);
            var target = Target(zip);
            if (!_reader.CanRead(target))
            {
                continue;
            }

            foreach (var entry in Read(target, new ListSink()))
            {
                try
                {
                    ReadAll(entry);
                }
                catch (InvalidDataException)
                {
                    // How damaged member data is reported to the engine.
                }
            }
        }
    }
}
