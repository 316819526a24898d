using AtlasGuard.Formats.Pickle;
using static AtlasGuard.Formats.Tests.Pickle.PickleTestHelpers;

namespace AtlasGuard.Formats.Tests.Pickle;

/// <summary>The memo's encoded entries, its string arena and budget, and the stack's ring of string bytes: values come
/// back exactly, and text that is not kept never resolves an import.</summary>
public sealed class PickleMemoTests
{
    /// <summary>posix.system called with the value on top of the stack as its only argument.</summary>
    private static PickleBuilder CallWithTop(PickleBuilder builder) =>
        builder.Op(PickleOpcode.Tuple1).Op(PickleOpcode.Reduce);

    [Theory]
    [InlineData("plain ascii", "'plain ascii'")]
    [InlineData("", "''")]
    [InlineData("h\u00e9llo w\u00f6rld", "'h\\xe9llo w\\xf6rld'")]
    [InlineData("\u4e2d\u6587", "'\\u4e2d\\u6587'")]
    public void Memoised_strings_come_back_with_their_text(string text, string expected)
    {
        var builder = PickleBuilder.Protocol(4).Unicode(text).Op(PickleOpcode.Memoize).Op(PickleOpcode.Pop)
            .Unicode("filler").Op(PickleOpcode.Memoize).Op(PickleOpcode.Pop)
            .Global("posix", "system").Get(0);
        var bytes = CallWithTop(builder).Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        Assert.Equal([expected], Assert.Single(report.Calls).Arguments);
    }

    [Fact]
    public void Memoised_scalars_come_back_exactly()
    {
        var builder = PickleBuilder.Protocol(4).Global("posix", "system").Op(PickleOpcode.Mark);
        byte key = 0;
        void Memo(Action<PickleBuilder> push)
        {
            push(builder);
            builder.Put(key++).Op(PickleOpcode.Pop);
        }

        Memo(b => b.Op(PickleOpcode.BinInt).UInt32(0xFFFFFFFF)); // -1
        Memo(b => b.Op(PickleOpcode.Long1).Raw(8).UInt64(0x7FFFFFFFFFFFFFFF)); // beyond the inline int range
        Memo(b => b.Op(PickleOpcode.BinFloat).Raw(0x3F, 0xF8, 0, 0, 0, 0, 0, 0)); // 1.5
        Memo(b => b.Op(PickleOpcode.NewTrue));
        Memo(b => b.Op(PickleOpcode.None));
        Memo(b => b.Op(PickleOpcode.ShortBinBytes).Raw(2, 0x41, 0x00));
        for (byte i = 0; i < key; i++)
        {
            builder.Get(i);
        }

        var bytes = builder.Op(PickleOpcode.Tuple).Op(PickleOpcode.Reduce).Stop().ToArray();

        var call = Assert.Single(Stream(bytes).Calls);

        Assert.Equal(["-1", "9223372036854775807", "1.5", "True"], call.Arguments);
        Assert.Equal(6L, call.ArgumentCount);
    }

    [Fact]
    public void Memoised_bytes_and_none_come_back_exactly()
    {
        var builder = PickleBuilder.Protocol(4).Op(PickleOpcode.None).Put(1).Op(PickleOpcode.Pop)
            .Op(PickleOpcode.ShortBinBytes).Raw(2, 0x41, 0x00).Put(2).Op(PickleOpcode.Pop)
            .Global("posix", "system").Get(1).Get(2).Op(PickleOpcode.Tuple2).Op(PickleOpcode.Reduce);

        var call = Assert.Single(Stream(builder.Stop().ToArray()).Calls);

        Assert.Equal(["None", "b'A\\x00'"], call.Arguments);
    }

    [Fact]
    public void A_memoised_string_past_the_budget_keeps_no_text_and_leaves_the_import_unresolved()
    {
        var options = new PickleAnalysisOptions { MaxMemoStringChars = 8 };
        var bytes = PickleBuilder.Protocol(4)
            .Unicode("posix").Op(PickleOpcode.Memoize).Op(PickleOpcode.Pop) // 5 bytes: fits
            .Unicode("system").Op(PickleOpcode.Memoize).Op(PickleOpcode.Pop) // 6 more: over the budget
            .Get(0).Get(1).Op(PickleOpcode.StackGlobal)
            .Unicode("id").Op(PickleOpcode.Tuple1).Op(PickleOpcode.Reduce).Stop().ToArray();

        var report = Stream(bytes, options);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        var import = Assert.Single(report.Imports);
        Assert.False(import.IsResolved);
        Assert.Equal("posix", import.Module);
        Assert.Null(import.Name);
        Assert.Contains("name operand", import.UnresolvedReason);
        Assert.Contains("memoised string of 6 characters whose text was not kept", import.UnresolvedReason);
        Assert.Equal(1, import.CallCount);
    }

    [Fact]
    public void The_string_on_the_stack_keeps_its_text_when_the_memo_cannot()
    {
        var options = new PickleAnalysisOptions { MaxMemoStringChars = 0 };
        var bytes = PickleBuilder.Protocol(4)
            .Unicode("posix").Op(PickleOpcode.Memoize).Unicode("system").Op(PickleOpcode.Memoize)
            .Op(PickleOpcode.StackGlobal).Get(1).Op(PickleOpcode.Tuple1).Op(PickleOpcode.Reduce).Stop().ToArray();

        var report = Stream(bytes, options);

        Assert.True(SingleImport(report, "posix", "system").IsResolved);
        Assert.Equal(["<str of 6 chars, text not kept>"], Assert.Single(report.Calls).Arguments);
    }

    [Fact]
    public void Operands_left_on_the_stack_survive_any_amount_of_string_traffic()
    {
        // "posix" stays on the stack (unmemoised) while far more string bytes than the ring holds pass through it.
        var builder = PickleBuilder.Protocol(4).Unicode("posix");
        for (var i = 0; i < 4000; i++)
        {
            builder.Unicode($"{i:D6}-{new string('x', 100)}").Op(PickleOpcode.Pop);
        }

        builder.Op(PickleOpcode.Mark);
        for (var i = 0; i < 3000; i++)
        {
            builder.Unicode($"{i:D6}-{new string('y', 100)}");
        }

        builder.Op(PickleOpcode.PopMark).Unicode("system").Op(PickleOpcode.StackGlobal);
        var bytes = CallWithTop(builder.Unicode("id")).Stop().ToArray();

        var report = Stream(bytes);

        Assert.Equal(PickleOutcome.Complete, report.Outcome);
        Assert.True(SingleImport(report, "posix", "system").IsResolved);
        Assert.Equal(["'id'"], Assert.Single(report.Calls).Arguments);
    }

    [Fact]
    public void Strings_held_by_tuples_survive_string_traffic()
    {
        var builder = PickleBuilder.Protocol(4).Global("posix", "system").Unicode("echo pwned").Op(PickleOpcode.Tuple1);
        for (var i = 0; i < 4000; i++)
        {
            builder.Unicode($"{i:D6}-{new string('z', 100)}").Op(PickleOpcode.Pop);
        }

        var bytes = builder.Op(PickleOpcode.Reduce).Stop().ToArray();

        Assert.Equal(["'echo pwned'"], Assert.Single(Stream(bytes).Calls).Arguments);
    }

    [Fact]
    public void A_dict_mutated_through_an_alias_counts_its_items()
    {
        var bytes = PickleBuilder.Protocol(4).Global("posix", "system")
            .Op(PickleOpcode.EmptyDict).Op(PickleOpcode.Dup)
            .Op(PickleOpcode.Mark).Unicode("a").Int1(1).Unicode("b").Int1(2).Op(PickleOpcode.SetItems).Op(PickleOpcode.Pop)
            .Op(PickleOpcode.EmptyList).Op(PickleOpcode.Mark).Int1(1).Int1(2).Int1(3).Op(PickleOpcode.Appends)
            .Op(PickleOpcode.Tuple2).Op(PickleOpcode.Reduce).Stop().ToArray();

        Assert.Equal(["dict(len=2)", "list(len=3)"], Assert.Single(Stream(bytes).Calls).Arguments);
    }

    [Fact]
    public void Many_memoised_strings_past_the_budget_stay_small_and_complete()
    {
        var options = new PickleAnalysisOptions { MaxMemoStringChars = 1000 };
        var builder = PickleBuilder.Protocol(4).Op(PickleOpcode.EmptyList).Op(PickleOpcode.Memoize).Op(PickleOpcode.Mark);
        for (var i = 0; i < 50_000; i++)
        {
            builder.Unicode($"name-{i}").Op(PickleOpcode.Memoize);
        }

        builder.Op(PickleOpcode.Appends).Op(PickleOpcode.Pop).Unicode("posix").Get(0).Op(PickleOpcode.Pop)
            .Op(PickleOpcode.LongBinGet).UInt32(49_000).Op(PickleOpcode.StackGlobal);

        var report = Stream(builder.Stop().ToArray(), options);

        var import = Assert.Single(report.Imports);
        Assert.False(import.IsResolved);
        Assert.Contains("not kept", import.UnresolvedReason);
    }
}
