namespace AtlasGuard.Formats.IO;

/// <summary>
/// A forward-only, read-only view of the next <c>length</c> bytes of a stream that cannot seek (a decompressed
/// stream, a pipe). Reading stops at the limit; reaching the inner stream's end early is reported by
/// <see cref="EndedEarly"/> and by an <see cref="EndOfStreamException"/> when <c>throwOnShortData</c> is set.
/// </summary>
public sealed class LengthLimitedStream : Stream
{
    private readonly Stream _inner;
    private readonly long _length;
    private readonly bool _leaveOpen;
    private readonly bool _throwOnShortData;
    private long _position;
    private bool _disposed;

    /// <summary>Creates the view.</summary>
    /// <param name="inner">The stream to read from, positioned at the view's start.</param>
    /// <param name="length">How many bytes the view has.</param>
    /// <param name="leaveOpen">Whether disposing the view leaves <paramref name="inner"/> open.</param>
    /// <param name="throwOnShortData">Throw <see cref="EndOfStreamException"/> when the inner stream ends before the limit.</param>
    public LengthLimitedStream(Stream inner, long length, bool leaveOpen = true, bool throwOnShortData = true)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _inner = inner;
        _length = length;
        _leaveOpen = leaveOpen;
        _throwOnShortData = throwOnShortData;
    }

    /// <summary>True when the inner stream ended before the view's length was reached.</summary>
    public bool EndedEarly { get; private set; }

    /// <summary>Bytes not yet read from the view.</summary>
    public long Remaining => _length - _position;

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => _length;

    /// <inheritdoc />
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("The stream is forward-only.");
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var toRead = (int)Math.Min(buffer.Length, _length - _position);
        if (toRead <= 0)
        {
            return 0;
        }

        var read = _inner.Read(buffer[..toRead]);
        return Advance(read);
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var toRead = (int)Math.Min(buffer.Length, _length - _position);
        if (toRead <= 0)
        {
            return 0;
        }

        var read = await _inner.ReadAsync(buffer[..toRead], cancellationToken).ConfigureAwait(false);
        return Advance(read);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    /// <summary>Reads and discards what is left of the view, so the inner stream is positioned after it.</summary>
    public void SkipToEnd()
    {
        StreamSkip.Skip(this, Remaining);
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The stream is forward-only.");

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        _disposed = true;
        base.Dispose(disposing);
    }

    private int Advance(int read)
    {
        if (read == 0)
        {
            EndedEarly = true;
            if (_throwOnShortData)
            {
                throw new EndOfStreamException($"The data ended {_length - _position} bytes before its stated length.");
            }

            return 0;
        }

        _position += read;
        return read;
    }
}
