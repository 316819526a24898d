using AtlasGuard.Formats.IO;
using AtlasGuard.Testing;

namespace AtlasGuard.Formats.Tests.IO;

public class SubStreamTests
{
    private static MemoryStream Digits() => new("0123456789"u8.ToArray());

    [Fact]
    public void Should_ReadOnlyItsWindow()
    {
        using var window = new SubStream(Digits(), 3, 4);
        using var copy = new MemoryStream();
        window.CopyTo(copy);
        Assert.Equal("3456"u8.ToArray(), copy.ToArray());
        Assert.Equal(0, window.Read(new byte[4], 0, 4));
    }

    [Fact]
    public void Should_KeepItsOwnPosition_When_WindowsShareABaseStream()
    {
        var baseStream = Digits();
        using var a = new SubStream(baseStream, 0, 5);
        using var b = new SubStream(baseStream, 5, 5);
        Assert.Equal('0', a.ReadByte());
        Assert.Equal('5', b.ReadByte());
        Assert.Equal('1', a.ReadByte());
        Assert.Equal('6', b.ReadByte());
    }

    [Fact]
    public void Should_Seek_FromAllOrigins()
    {
        using var window = new SubStream(Digits(), 2, 6);
        window.Seek(-1, SeekOrigin.End);
        Assert.Equal('7', window.ReadByte());
        window.Seek(1, SeekOrigin.Begin);
        window.Seek(1, SeekOrigin.Current);
        Assert.Equal('4', window.ReadByte());
        Assert.Throws<IOException>(() => window.Seek(-10, SeekOrigin.Current));
        window.Position = 100;
        Assert.Equal(-1, window.ReadByte());
    }

    [Fact]
    public void Should_Nest()
    {
        using var outer = new SubStream(Digits(), 2, 6);
        using var inner = new SubStream(outer, 2, 3);
        var buffer = new byte[10];
        Assert.Equal(3, inner.Read(buffer, 0, 10));
        Assert.Equal("456"u8.ToArray(), buffer[..3]);
    }

    [Fact]
    public void Should_RejectWindows_OutsideTheBaseStream()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubStream(Digits(), 8, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubStream(Digits(), -1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubStream(Digits(), 11, 0));
    }

    [Fact]
    public void Should_DisposeTheBaseStream_OnlyWhenAsked()
    {
        var kept = Digits();
        new SubStream(kept, 0, 1).Dispose();
        Assert.True(kept.CanRead);
        var owned = Digits();
        new SubStream(owned, 0, 1, leaveOpen: false).Dispose();
        Assert.False(owned.CanRead);
    }

    [Fact]
    public void Should_BeReadOnly()
    {
        using var window = new SubStream(Digits(), 0, 3);
        Assert.False(window.CanWrite);
        Assert.Throws<NotSupportedException>(() => window.Write(new byte[1], 0, 1));
    }
}

public class LengthLimitedStreamTests
{
    [Fact]
    public void Should_StopAtTheLimit()
    {
        var inner = new MemoryStream("abcdef"u8.ToArray());
        using var view = new LengthLimitedStream(inner, 4);
        var buffer = new byte[10];
        Assert.Equal(4, StreamSkip.ReadAtMost(view, buffer));
        Assert.Equal(4, inner.Position);
        Assert.False(view.CanSeek);
    }

    [Fact]
    public void Should_Throw_When_TheInnerStreamEndsEarly()
    {
        using var view = new LengthLimitedStream(new MemoryStream("ab"u8.ToArray()), 4);
        var buffer = new byte[10];
        Assert.Equal(2, view.Read(buffer, 0, 10));
        Assert.Throws<EndOfStreamException>(() => view.Read(buffer, 0, 10));
        Assert.True(view.EndedEarly);
    }

    [Fact]
    public void Should_SkipForward_OnStreamsThatDoNotSeek()
    {
        var inner = new ForwardOnlyStream("0123456789"u8.ToArray(), maxRead: 7);
        Assert.Equal(4, StreamSkip.Skip(inner, 4));
        Assert.Equal('4', inner.ReadByte());
        Assert.Equal(5, StreamSkip.Skip(inner, 50));
    }
}
