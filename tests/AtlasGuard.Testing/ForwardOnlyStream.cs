namespace AtlasGuard.Testing;

/// <summary>
/// A read-only stream that cannot seek, like a decompressor's output. It may also return short reads, so that
/// code under test cannot assume a read fills its buffer.
/// </summary>
public sealed class ForwardOnlyStream : Stream
{
    private readonly Stream _inner;
    private readonly int _maxRead;

    /// <summary>Wraps bytes; <paramref name="maxRead"/> caps how much one read returns.</summary>
    public ForwardOnlyStream(byte[] data, int maxRead = int.MaxValue)
        : this(new MemoryStream(data, writable: false), maxRead)
    {
    }

    /// <summary>Wraps another stream.</summary>
    public ForwardOnlyStream(Stream inner, int maxRead = int.MaxValue)
    {
        _inner = inner;
        _maxRead = maxRead;
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, _maxRead));

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
