using AtlasGuard.Formats.Pickle;
using static AtlasGuard.Formats.Tests.Pickle.PickleTestHelpers;

namespace AtlasGuard.Formats.Tests.Pickle;

/// <summary>Multi-stream files, legacy torch and joblib layouts, and real files written by Python.</summary>
public sealed class PickleAnalyzerLayoutTests
{
    [Theory]
    [InlineData("p0.pkl", 0)]
    [InlineData("p2.pkl", 2)]
    [InlineData("p4.pkl", 4)]
    [InlineData("p5.pkl", 5)]
    public void Real_pickles_of_every_protocol_are_complete(string name, int protocol)
    {
        var file = Fixture(name);

        var stream = Assert.Single(file.Streams);
        Assert.Equal(PickleOutcome.Complete, stream.Outcome);
        Assert.Equal(protocol, stream.Protocol);
        Assert.Contains(stream.Imports, i => i.FullName == "collections.OrderedDict");
        Assert.Contains(stream.Imports, i => i.FullName == "datetime.datetime");
        Assert.DoesNotContain(stream.Anomalies, a => a.Kind != PickleAnomalyKind.OpcodeAboveProtocol);
    }

    [Fact]
    public void Real_legacy_torch_file_has_five_streams_and_raw_storage()
    {
        var file = Fixture("torch_legacy.pt");

        Assert.Equal(PickleFileLayout.TorchLegacy, file.Layout);
        Assert.Equal(PickleOutcome.Complete, file.Outcome);
        Assert.Equal(5, file.Streams.Count);
        Assert.Equal(2, file.Streams[3].PersistentIdCount);
        Assert.Contains(file.AllImports, i => i.FullName == "torch._utils._rebuild_tensor_v2");
        Assert.Equal(file.Streams[4].EndOffset, file.RawDataOffset);
        Assert.Equal(44, file.RawDataBytes);
        Assert.Equal(0, file.TrailingBytes);
    }

    [Fact]
    public void Real_joblib_file_skips_arrays_and_parses_the_object_array()
    {
        var file = Fixture("sklearn_and_arrays.joblib");

        Assert.Equal(PickleFileLayout.Joblib, file.Layout);
        Assert.Equal(PickleOutcome.Complete, file.Outcome);
        var stream = Assert.Single(file.Streams);
        Assert.Equal(6, stream.JoblibArrayCount);
        var nested = Assert.Single(stream.NestedStreams);
        Assert.Equal(PickleStreamRole.JoblibObjectArray, nested.Role);
        Assert.Equal(PickleOutcome.Complete, nested.Outcome);
        Assert.Contains(nested.Imports, i => i.FullName == "numpy.core.multiarray._reconstruct");
        Assert.Contains(stream.Imports, i => i.FullName == "sklearn.linear_model._logistic.LogisticRegression");
    }

    [Fact]
    public void Real_stacked_pickles_end_with_trailing_data()
    {
        var file = Fixture("multi.pkl");

        Assert.Equal(3, file.Streams.Count);
        Assert.Equal(PickleOutcome.Complete, file.Outcome);
        Assert.Equal(52, file.TrailingOffset);
        Assert.Equal(14, file.TrailingBytes);
    }

    [Fact]
    public void A_broken_stream_after_a_PROTO_is_malformed_not_trailing()
    {
        var bytes = PickleBuilder.Protocol(2).Op(PickleOpcode.None).Stop().Proto(2).Raw(0xff).ToArray();

        var file = File(bytes);

        Assert.Equal(2, file.Streams.Count);
        Assert.Equal(PickleOutcome.Malformed, file.Outcome);
        Assert.Equal(0, file.TrailingBytes);
    }

    [Fact]
    public void A_protocol_0_payload_after_a_stream_is_not_mistaken_for_trailing_data()
    {
        var bytes = PickleBuilder.Protocol(2).Op(PickleOpcode.None).Stop()
            .Ascii("cos\nsystem\n(S'id'\ntR").Raw(0xff).ToArray();

        var file = File(bytes);

        Assert.Equal(2, file.Streams.Count);
        Assert.Equal(1, SingleImport(file.Streams[1], "os", "system").CallCount);
        Assert.Equal(PickleOutcome.Malformed, file.Outcome);
    }

    [Fact]
    public void Legacy_torch_layout_reads_exactly_five_streams_then_raw_bytes()
    {
        var magic = new byte[] { 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19 };
        var bytes = PickleBuilder.Protocol(2).Op(PickleOpcode.Long1).Raw(10).Raw(magic).Stop()
            .Proto(2).Op(PickleOpcode.BinInt2).Raw(0xe9, 0x03).Stop()
            .Proto(2).Op(PickleOpcode.EmptyDict).Stop()
            .Proto(2).Op(PickleOpcode.None).Stop()
            .Proto(2).Op(PickleOpcode.EmptyList).Stop()
            .Raw(4, 0, 0, 0, 0, 0, 0, 0).Ascii("cos\nsystem\n").ToArray();

        var file = File(bytes);

        Assert.Equal(PickleFileLayout.TorchLegacy, file.Layout);
        Assert.Equal(5, file.Streams.Count);
        Assert.Equal(19, file.RawDataBytes);
        Assert.Empty(file.AllImports);
    }

    [Fact]
    public void Joblib_payload_after_a_raw_array_is_found()
    {
        var raw = new byte[64];
        "cos\nsystem\n"u8.CopyTo(raw);
        var bytes = JoblibHeader("f8", shape: 8, alignment: true).Raw(3, 0xff, 0xff, 0xff).Raw(raw)
            .Op(PickleOpcode.Pop).CallWithString("os", "system", "id").Stop().ToArray();

        var file = File(bytes);

        Assert.Equal(PickleFileLayout.Joblib, file.Layout);
        Assert.Equal(PickleOutcome.Complete, file.Outcome);
        var stream = Assert.Single(file.Streams);
        Assert.Equal(1, stream.JoblibArrayCount);
        Assert.Equal(68, stream.JoblibArrayBytes);
        Assert.Equal(1, SingleImport(stream, "os", "system").CallCount);
    }

    [Fact]
    public void Joblib_object_array_payload_is_reported_as_nested()
    {
        var bytes = JoblibHeader("O8", shape: 1, alignment: true)
            .Proto(2).CallWithString("posix", "system", "id").Stop()
            .Op(PickleOpcode.Pop).Op(PickleOpcode.None).Stop().ToArray();

        var file = File(bytes);

        Assert.Equal(PickleOutcome.Complete, file.Outcome);
        var nested = Assert.Single(file.Streams[0].NestedStreams);
        Assert.True(nested.IsNested);
        Assert.Equal(1, SingleImport(nested, "posix", "system").CallCount);
    }

    [Fact]
    public void Joblib_array_with_an_absurd_shape_is_malformed()
    {
        var bytes = JoblibHeader("f8", shape: int.MaxValue, alignment: false, extraDim: int.MaxValue).Stop().ToArray();

        var file = File(bytes);

        Assert.Equal(PickleOutcome.Malformed, file.Outcome);
        Assert.Contains("overflows", file.Streams[0].Problem);
    }

    [Fact]
    public void Joblib_array_longer_than_the_input_is_truncated()
    {
        var bytes = JoblibHeader("f8", shape: 1000, alignment: false).Raw(new byte[100]).Stop().ToArray();

        Assert.Equal(PickleOutcome.Truncated, File(bytes).Outcome);
    }

    [Fact]
    public void Joblib_arrays_are_not_skipped_when_recognition_is_off()
    {
        var bytes = JoblibHeader("f8", shape: 1, alignment: false).Raw(0, 0, 0, 0, 0, 0, 0xf0, 0x3f).Stop().ToArray();

        var report = Stream(bytes, new PickleAnalysisOptions { RecognizeJoblibArrays = false });

        Assert.Equal(PickleOutcome.Malformed, report.Outcome);
        Assert.Equal(0, report.JoblibArrayCount);
    }

    /// <summary>What joblib writes before an array: NumpyArrayWrapper via NEWOBJ, then BUILD with its state.</summary>
    private static PickleBuilder JoblibHeader(string dtype, int shape, bool alignment, int extraDim = -1)
    {
        var builder = PickleBuilder.Protocol(4)
            .Unicode("joblib.numpy_pickle").Unicode("NumpyArrayWrapper").Op(PickleOpcode.StackGlobal)
            .Op(PickleOpcode.EmptyTuple).Op(PickleOpcode.NewObj)
            .Op(PickleOpcode.EmptyDict).Op(PickleOpcode.Mark)
            .Unicode("subclass").Unicode("numpy").Unicode("ndarray").Op(PickleOpcode.StackGlobal)
            .Unicode("shape").Op(PickleOpcode.BinInt).UInt32((uint)shape);
        if (extraDim >= 0)
        {
            builder.Op(PickleOpcode.BinInt).UInt32((uint)extraDim).Op(PickleOpcode.Tuple2);
        }
        else
        {
            builder.Op(PickleOpcode.Tuple1);
        }

        builder.Unicode("order").Unicode("C")
            .Unicode("dtype").Unicode("numpy").Unicode("dtype").Op(PickleOpcode.StackGlobal)
            .Unicode(dtype).Op(PickleOpcode.NewFalse).Op(PickleOpcode.NewTrue).Op(PickleOpcode.Tuple3).Op(PickleOpcode.Reduce)
            .Op(PickleOpcode.Mark).Int1(3).Unicode("<").Op(PickleOpcode.None).Op(PickleOpcode.None).Op(PickleOpcode.None)
            .Op(PickleOpcode.BinInt).UInt32(uint.MaxValue).Op(PickleOpcode.BinInt).UInt32(uint.MaxValue)
            .Int1(dtype.StartsWith('O') ? (byte)63 : (byte)0).Op(PickleOpcode.Tuple).Op(PickleOpcode.Build)
            .Unicode("allow_mmap").Op(PickleOpcode.NewTrue);
        if (alignment)
        {
            builder.Unicode("numpy_array_alignment_bytes").Int1(16);
        }

        return builder.Op(PickleOpcode.SetItems).Op(PickleOpcode.Build);
    }
}
