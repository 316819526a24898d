namespace AtlasGuard.Formats.IO;

/// <summary>
/// A read-only, seekable window of <c>length</c> bytes starting at <c>offset</c> in a seekable base stream.
/// The window keeps its own position and seeks the base stream before every read, so several windows may
/// share one base stream as long as they are not read concurrently. Windows over windows work.
/// </summary>
public sealed class SubStream : Stream
{
    private readonly Stream _baseStream;
    private readonly long _offset;
    private readonly long _length;
    private readonly bool _leaveOpen;
    private long _position;
    private bool _disposed;

    /// <summary>Creates a window.</summary>
    /// <param name="baseStream">A readable, seekable stream.</param>
    /// <param name="offset">Where the window starts in <paramref name="baseStream"/>.</param>
    /// <param name="length">The window's length; the window must end within the base stream.</param>
    /// <param name="leaveOpen">Whether disposing the window leaves <paramref name="baseStream"/> open.</param>
    public SubStream(Stream baseStream, long offset, long length, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(baseStream);
        if (!baseStream.CanRead || !baseStream.CanSeek)
        {
            throw new ArgumentException("The base stream must be readable and seekable.", nameof(baseStream));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset > baseStream.Length || length > baseStream.Length - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "The window must lie within the base stream.");
        }

        _baseStream = baseStream;
        _offset = offset;
        _length = length;
        _leaveOpen = leaveOpen;
    }

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => !_disposed;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _length;
        }
    }

    /// <inheritdoc />
    public override long Position
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _position;
        }
        set
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
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
        var toRead = Remaining(buffer.Length);
        if (toRead == 0)
        {
            return 0;
        }

        _baseStream.Seek(_offset + _position, SeekOrigin.Begin);
        var read = _baseStream.Read(buffer[..toRead]);
        _position += read;
        return read;
    }

    /// <inheritdoc />
    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var toRead = Remaining(buffer.Length);
        if (toRead == 0)
        {
            return 0;
        }

        _baseStream.Seek(_offset + _position, SeekOrigin.Begin);
        var read = await _baseStream.ReadAsync(buffer[..toRead], cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown seek origin."),
        };
        if (target < 0)
        {
            throw new IOException("An attempt was made to move the position before the beginning of the stream.");
        }

        _position = target;
        return _position;
    }

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
            _baseStream.Dispose();
        }

        _disposed = true;
        base.Dispose(disposing);
    }

    private int Remaining(int requested)
    {
        if (_position >= _length)
        {
            return 0;
        }

        return (int)Math.Min(requested, _length - _position);
    }
}
