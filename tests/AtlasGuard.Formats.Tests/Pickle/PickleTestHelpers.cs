using AtlasGuard.Formats.Pickle;

namespace AtlasGuard.Formats.Tests.Pickle;

internal static class PickleTestHelpers
{
    public static PickleStreamReport Stream(byte[] bytes, PickleAnalysisOptions? options = null)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return PickleAnalyzer.AnalyzeStream(stream, options);
    }

    public static PickleFileReport File(byte[] bytes, PickleAnalysisOptions? options = null)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return PickleAnalyzer.AnalyzeFile(stream, options);
    }

    public static PickleFileReport Fixture(string name)
    {
        using var stream = System.IO.File.OpenRead(FixturePath(name));
        return PickleAnalyzer.AnalyzeFile(stream);
    }

    /// <summary>Fixtures are copied to the output folder by the project's Fixtures/** glob.</summary>
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Pickle", name);

    public static PickleImport SingleImport(PickleStreamReport report, string module, string name) =>
        Assert.Single(report.Imports, i => i.Module == module && i.Name == name);
}

/// <summary>A stream that fails after some bytes, like a broken disk or a bad decompressor.</summary>
internal sealed class FailingStream(byte[] data, int failAfter, Exception failure) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= failAfter)
        {
            throw failure;
        }

        var n = Math.Min(Math.Min(count, failAfter - _position), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
