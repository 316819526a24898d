using System.Buffers.Binary;
using AtlasGuard.Formats.IO;

namespace AtlasGuard.Formats.Gguf;

/// <summary>A forward-only buffered reader over a stream that knows its absolute position and, when possible, how many bytes remain.</summary>
internal sealed class GgufInput(Stream stream, long? length)
{
    private const int BufferSize = 64 * 1024;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Absolute position of the next unread byte.</summary>
    public long Position { get; private set; }

    /// <summary>Bytes left after <see cref="Position"/>, when the total length is known.</summary>
    public long? Remaining => length is { } l ? Math.Max(0, l - Position) : null;

    /// <summary>Whether <paramref name="count"/> more bytes can possibly exist.</summary>
    public bool MayHave(ulong count) => Remaining is not { } r || count <= (ulong)r;

    public bool TryReadU32(out uint value)
    {
        value = 0;
        if (!Ensure(4))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start, 4));
        Advance(4);
        return true;
    }

    public bool TryReadU64(out ulong value)
    {
        value = 0;
        if (!Ensure(8))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(_start, 8));
        Advance(8);
        return true;
    }

    /// <summary>Makes <paramref name="count"/> bytes (at most the buffer size) available in <see cref="Buffered"/>.</summary>
    public bool Ensure(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end < count && !_eof)
        {
            var n = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n <= 0)
            {
                _eof = true;
                break;
            }

            _end += n;
        }

        return _end - _start >= count;
    }

    public static int MaxEnsure => BufferSize;

    public ReadOnlySpan<byte> Buffered(int count) => _buffer.AsSpan(_start, count);

    public void Advance(int count)
    {
        _start += count;
        Position += count;
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes; false when the content ends first.</summary>
    public bool TryRead(Span<byte> destination)
    {
        var fromBuffer = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, fromBuffer).CopyTo(destination);
        Advance(fromBuffer);
        if (fromBuffer == destination.Length)
        {
            return true;
        }

        var got = _eof ? 0 : StreamSkip.ReadAtMost(stream, destination[fromBuffer..]);
        Position += got;
        return fromBuffer + got == destination.Length;
    }

    /// <summary>Skips <paramref name="count"/> bytes; false when the content ends first.</summary>
    public bool TrySkip(long count)
    {
        var fromBuffer = (int)Math.Min(count, _end - _start);
        Advance(fromBuffer);
        var rest = count - fromBuffer;
        if (rest == 0)
        {
            return true;
        }

        var skipped = _eof ? 0 : StreamSkip.Skip(stream, rest);
        Position += skipped;
        return skipped == rest;
    }
}
