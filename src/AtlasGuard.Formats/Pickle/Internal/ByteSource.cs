using System.Buffers;
using System.Runtime.CompilerServices;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>Receives FRAME overruns detected while reading.</summary>
internal interface IFrameListener
{
    /// <summary>An argument starting at <paramref name="position"/> crosses the frame end <paramref name="frameEnd"/>.</summary>
    void OnFrameOverrun(long position, long frameEnd, bool divergent);
}

/// <summary>Result of a read from a <see cref="ByteSource"/>.</summary>
internal enum ReadStatus
{
    Ok,
    EndOfData,
    BudgetExceeded,
}

/// <summary>
/// Buffered, bounded reader over an untrusted stream that reproduces how CPython's C unpickler reads a file: a FRAME's
/// bytes are buffered as a unit; a read that does not fit in what remains of the frame buffer discards the rest
/// of the frame and continues from the file position after it (payloads of BINBYTES-like opcodes, read with
/// <c>readinto</c>, continue contiguously instead). With <see cref="ContiguousFrames"/> every read is contiguous,
/// as with <c>pickle.loads</c>. Offsets are absolute (the stream's own positions when it is seekable).
/// </summary>
internal sealed class ByteSource : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _seekable;
    private readonly long _length;
    private readonly long _limit;
    private byte[] _buffer;
    private readonly byte[] _scratch;
    private long _origin;
    private int _pos;
    private int _end;
    private long _frameEnd = -1;

    public ByteSource(Stream stream, int bufferSize, int scratchSize, long maxTotalBytes)
    {
        _stream = stream;
        _seekable = stream.CanSeek;
        _origin = _seekable ? stream.Position : 0;
        _length = _seekable ? stream.Length : -1;
        _limit = maxTotalBytes > long.MaxValue - _origin ? long.MaxValue : _origin + maxTotalBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferSize, 4096));
        _scratch = new byte[Math.Max(scratchSize, 16)];
    }

    /// <summary>Absolute offset of the next byte.</summary>
    public long Position => _origin + _pos;

    /// <summary>Absolute end of the input, -1 when unknown.</summary>
    public long Length => _length;

    public bool CanSeek => _seekable;

    /// <summary>Read every argument contiguously (in-memory semantics) instead of CPython's file semantics.</summary>
    public bool ContiguousFrames { get; set; }

    public IFrameListener? Listener { get; set; }

    /// <summary>Absolute end of the active frame buffer, -1 when none.</summary>
    public long FrameEnd => _frameEnd;

    /// <summary>Set when a read stopped because of <see cref="PickleAnalysisOptions.MaxTotalBytes"/>.</summary>
    public bool BudgetHit { get; private set; }

    /// <summary>Bytes known to remain (long.MaxValue when the length is unknown).</summary>
    public long Remaining => _length >= 0 ? Math.Max(0, _length - Position) : long.MaxValue;

    public int BufferCapacity => _buffer.Length;

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The buffer, for the interpreter's fast path (valid until the next read call).</summary>
    internal byte[] Buffer => _buffer;

    /// <summary>Buffer index of the next byte.</summary>
    internal int BufferPosition
    {
        get => _pos;
        set => _pos = value;
    }

    /// <summary>Absolute offset of buffer index 0.</summary>
    internal long BufferOrigin => _origin;

    /// <summary>End of the bytes that can be read without refilling and without leaving the current frame.</summary>
    internal int WindowLimit => _frameEnd >= 0 ? (int)Math.Clamp(_frameEnd - _origin, _pos, _end) : _end;

    /// <summary>Forgets any frame (a new stream starts).</summary>
    public void ResetFrame() => _frameEnd = -1;

    /// <summary>Reads one opcode byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadStatus ReadByte(out byte value)
    {
        if (_frameEnd >= 0 && _origin + _pos >= _frameEnd)
        {
            _frameEnd = -1;
        }

        if (_pos < _end)
        {
            value = _buffer[_pos++];
            return ReadStatus.Ok;
        }

        value = 0;
        var status = Fill(1);
        if (status != ReadStatus.Ok)
        {
            return status;
        }

        value = _buffer[_pos++];
        return ReadStatus.Ok;
    }

    /// <summary>Reads a small fixed-size argument (at most a few KiB) with CPython's <c>_Unpickler_Read</c> semantics.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadStatus Read(int count, out ReadOnlySpan<byte> data)
    {
        if (_frameEnd >= 0 && _origin + _pos + count > _frameEnd)
        {
            CrossFrame(count, into: false);
        }

        if (_end - _pos < count)
        {
            var status = Fill(count);
            if (status != ReadStatus.Ok)
            {
                data = default;
                return status;
            }
        }

        data = new ReadOnlySpan<byte>(_buffer, _pos, count);
        _pos += count;
        return ReadStatus.Ok;
    }

    /// <summary>
    /// Reads a length-prefixed payload: whole when it is at most <paramref name="maxBuffered"/> bytes, otherwise only
    /// the first <paramref name="keep"/> bytes are returned and the rest is skipped (seeked over when possible).
    /// <paramref name="into"/> selects CPython's <c>readinto</c> semantics (contiguous across a frame end).
    /// </summary>
    public ReadStatus ReadPayload(long count, bool into, int maxBuffered, int keep, out ReadOnlySpan<byte> data)
    {
        data = default;
        if (_frameEnd >= 0 && count > 0 && _origin + _pos + count > _frameEnd)
        {
            CrossFrame(count, into);
        }

        if (count > Remaining)
        {
            SkipToEnd();
            return ReadStatus.EndOfData;
        }

        if (count <= maxBuffered && count <= _buffer.Length)
        {
            var small = (int)count;
            if (_end - _pos < small)
            {
                var status = Fill(small);
                if (status != ReadStatus.Ok)
                {
                    return status;
                }
            }

            data = new ReadOnlySpan<byte>(_buffer, _pos, small);
            _pos += small;
            return ReadStatus.Ok;
        }

        var kept = (int)Math.Min(Math.Min(keep, _scratch.Length), count);
        if (_end - _pos < kept)
        {
            var status = Fill(kept);
            if (status != ReadStatus.Ok)
            {
                return status;
            }
        }

        _buffer.AsSpan(_pos, kept).CopyTo(_scratch);
        data = new ReadOnlySpan<byte>(_scratch, 0, kept);
        return Skip(count);
    }

    /// <summary>
    /// Reads a '\n'-terminated line like <c>_Unpickler_Readline</c>. <paramref name="content"/> excludes the newline
    /// and holds at most <paramref name="keep"/> bytes; <paramref name="fullLength"/> is the real content length.
    /// </summary>
    public ReadStatus ReadLine(int keep, out ReadOnlySpan<byte> content, out long fullLength)
    {
        // Fast path: the whole line is buffered and inside the frame (if any).
        var limit = _frameEnd >= 0 ? (int)Math.Min(_end, _frameEnd - _origin) : _end;
        if (limit > _pos)
        {
            var index = _buffer.AsSpan(_pos, limit - _pos).IndexOf((byte)'\n');
            if (index >= 0 && index <= keep)
            {
                content = new ReadOnlySpan<byte>(_buffer, _pos, index);
                fullLength = index;
                _pos += index + 1;
                return ReadStatus.Ok;
            }
        }

        return ReadLineSlow(keep, out content, out fullLength);
    }

    private ReadStatus ReadLineSlow(int keep, out ReadOnlySpan<byte> content, out long fullLength)
    {
        keep = Math.Min(keep, _scratch.Length);
        var kept = 0;
        long total = 0;
        var start = Position;
        content = default;
        fullLength = 0;
        while (true)
        {
            if (_frameEnd >= 0 && _origin + _pos >= _frameEnd)
            {
                var frameEnd = _frameEnd;
                _frameEnd = -1;
                if (total > 0)
                {
                    var divergent = !ContiguousFrames;
                    Listener?.OnFrameOverrun(start, frameEnd, divergent);
                    if (divergent)
                    {
                        // CPython drops what is left of the frame buffer and reads a fresh line from the file.
                        kept = 0;
                        total = 0;
                        start = Position;
                    }
                }
            }

            if (_pos == _end)
            {
                var status = FillSome();
                if (status != ReadStatus.Ok)
                {
                    return status;
                }
            }

            var available = _frameEnd >= 0 ? (int)Math.Min(_end, _frameEnd - _origin) - _pos : _end - _pos;
            var span = _buffer.AsSpan(_pos, available);
            var index = span.IndexOf((byte)'\n');
            var take = index >= 0 ? index : available;
            var copy = Math.Min(take, keep - kept);
            if (copy > 0)
            {
                span[..copy].CopyTo(_scratch.AsSpan(kept));
                kept += copy;
            }

            total += take;
            _pos += take;
            if (index >= 0)
            {
                _pos++;
                content = new ReadOnlySpan<byte>(_scratch, 0, kept);
                fullLength = total;
                return ReadStatus.Ok;
            }
        }
    }

    /// <summary>
    /// Applies a FRAME of <paramref name="frameLength"/> bytes like <c>load_frame</c>: inside the current frame buffer
    /// it changes nothing; otherwise the rest of the current buffer is dropped and the new frame starts after it.
    /// Returns false when the frame is not fully present (CPython raises before running anything in it).
    /// </summary>
    public bool BeginFrame(long frameLength, out bool nested)
    {
        nested = false;
        if (ContiguousFrames)
        {
            return frameLength <= Remaining;
        }

        var position = Position;
        if (_frameEnd >= 0 && position < _frameEnd)
        {
            if (frameLength <= _frameEnd - position)
            {
                nested = true;
                return true;
            }

            Listener?.OnFrameOverrun(position, _frameEnd, true);
            var skipped = Skip(_frameEnd - position);
            _frameEnd = -1;
            if (skipped != ReadStatus.Ok)
            {
                return false;
            }
        }

        _frameEnd = -1;
        if (frameLength == 0)
        {
            return true;
        }

        if (frameLength > Remaining)
        {
            return false;
        }

        _frameEnd = Position + frameLength;
        return true;
    }

    /// <summary>Skips <paramref name="count"/> bytes, seeking when the stream allows it.</summary>
    public ReadStatus Skip(long count)
    {
        var buffered = _end - _pos;
        if (count <= buffered)
        {
            _pos += (int)count;
            return ReadStatus.Ok;
        }

        if (count > Remaining)
        {
            SkipToEnd();
            return ReadStatus.EndOfData;
        }

        var target = Position + count;
        if (target > _limit)
        {
            BudgetHit = true;
            return ReadStatus.BudgetExceeded;
        }

        if (_seekable)
        {
            _stream.Seek(target, SeekOrigin.Begin);
            _origin = target;
            _pos = 0;
            _end = 0;
            return ReadStatus.Ok;
        }

        var left = count - buffered;
        _origin += _end;
        _pos = 0;
        _end = 0;
        while (left > 0)
        {
            var read = _stream.Read(_buffer, 0, (int)Math.Min(left, _buffer.Length));
            if (read <= 0)
            {
                return ReadStatus.EndOfData;
            }

            left -= read;
            _origin += read;
        }

        return ReadStatus.Ok;
    }

    /// <summary>Moves to an absolute offset (inside the buffer, or by seeking).</summary>
    public bool MoveTo(long offset)
    {
        _frameEnd = -1;
        if (offset >= _origin && offset <= _origin + _end)
        {
            _pos = (int)(offset - _origin);
            return true;
        }

        if (!_seekable)
        {
            return offset > Position && Skip(offset - Position) == ReadStatus.Ok;
        }

        _stream.Seek(offset, SeekOrigin.Begin);
        _origin = offset;
        _pos = 0;
        _end = 0;
        return true;
    }

    /// <summary>True when no byte remains (reads ahead if needed).</summary>
    public bool AtEnd()
    {
        if (_pos < _end)
        {
            return false;
        }

        return FillSome() != ReadStatus.Ok;
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length upcoming bytes without consuming them.</summary>
    public int Peek(Span<byte> destination)
    {
        var want = Math.Min(destination.Length, _buffer.Length);
        if (_end - _pos < want)
        {
            _ = Fill(want);
        }

        var count = Math.Min(want, _end - _pos);
        _buffer.AsSpan(_pos, count).CopyTo(destination);
        return count;
    }

    private void CrossFrame(long count, bool into)
    {
        var position = Position;
        var frameEnd = _frameEnd;
        _frameEnd = -1;
        if (position >= frameEnd || count == 0)
        {
            return;
        }

        var divergent = !into && !ContiguousFrames;
        Listener?.OnFrameOverrun(position, frameEnd, divergent);
        if (divergent)
        {
            _ = Skip(frameEnd - position);
        }
    }

    private void SkipToEnd()
    {
        if (_length >= 0 && _seekable)
        {
            _ = MoveTo(_length);
        }
    }

    private ReadStatus FillSome() => Fill(_end - _pos + 1);

    /// <summary>Makes at least <paramref name="count"/> bytes available from the current position.</summary>
    private ReadStatus Fill(int count)
    {
        if (count > _buffer.Length)
        {
            return ReadStatus.EndOfData;
        }

        if (_pos > 0)
        {
            var live = _end - _pos;
            if (live > 0)
            {
                System.Buffer.BlockCopy(_buffer, _pos, _buffer, 0, live);
            }

            _origin += _pos;
            _end = live;
            _pos = 0;
        }

        while (_end < count)
        {
            var room = _buffer.Length - _end;
            var allowed = _limit - (_origin + _end);
            if (allowed <= 0)
            {
                BudgetHit = true;
                return ReadStatus.BudgetExceeded;
            }

            var read = _stream.Read(_buffer, _end, (int)Math.Min(room, allowed));
            if (read <= 0)
            {
                return ReadStatus.EndOfData;
            }

            _end += read;
        }

        return ReadStatus.Ok;
    }
}
