namespace AtlasGuard.Formats.Compression;

/// <summary>
/// A forward-only decompressed view that creates its decoder lazily and reports every decoder failure as an
/// <see cref="InvalidDataException"/>, whatever the decoder library throws.
/// </summary>
internal sealed class DecompressingStream : Stream
{
    private readonly Stream _source;
    private readonly Func<Stream, Stream> _factory;
    private readonly bool _leaveOpen;
    private readonly string _formatName;
    private Stream? _decoder;
    private long _position;
    private bool _disposed;

    public DecompressingStream(Stream source, Func<Stream, Stream> factory, bool leaveOpen, string formatName)
    {
        _source = source;
        _factory = factory;
        _leaveOpen = leaveOpen;
        _formatName = formatName;
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The decompressed length is not known in advance.");

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("The stream is forward-only.");
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            _decoder ??= _factory(new NonDisposingStream(_source));
            var read = _decoder.Read(buffer);
            _position += read;
            return read;
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw new InvalidDataException($"The {_formatName} data is damaged: {ex.Message}", ex);
        }
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The stream is forward-only.");

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            try
            {
                _decoder?.Dispose();
            }
            catch (Exception ex) when (IsDecoderFailure(ex))
            {
                // A decoder that validates its trailer on dispose has nothing more to tell a reader that stopped early.
            }

            if (!_leaveOpen)
            {
                _source.Dispose();
            }
        }

        _disposed = true;
        base.Dispose(disposing);
    }

    private static bool IsDecoderFailure(Exception ex) =>
        ex is not (OperationCanceledException or OutOfMemoryException or InvalidDataException or IOException or ObjectDisposedException);

    /// <summary>
    /// Shields the source from decoders that dispose what they read, and tells them how far they have read
    /// (the xz decoder aligns blocks on it).
    /// </summary>
    private sealed class NonDisposingStream(Stream inner) : Stream
    {
        private long _read;

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException("The stream is forward-only.");

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException("The stream is forward-only.");
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _read += n;
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The stream is forward-only.");

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");
    }
}
