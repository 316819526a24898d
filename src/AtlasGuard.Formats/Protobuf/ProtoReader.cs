using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using AtlasGuard.Formats.IO;

namespace AtlasGuard.Formats.Protobuf;

/// <summary>
/// A bounded, forward-only reader of the protobuf wire format over a stream. Every length is checked against
/// the bytes that remain in the enclosing message before anything is read or skipped; groups are rejected;
/// message nesting is capped. Large byte fields are skipped by seeking (or reading and discarding when the
/// stream cannot seek), never buffered. Malformed input sets <see cref="Error"/> and makes every later call
/// return false: nothing throws for bad data.
/// </summary>
public sealed class ProtoReader
{
    /// <summary>The default nesting cap (the protobuf C++ runtime's default recursion limit).</summary>
    public const int DefaultMaxDepth = 100;

    private readonly Stream _stream;
    private readonly int _maxDepth;
    private long _position;
    private long _limit;

    /// <summary>Creates a reader over <paramref name="stream"/> from its current position.</summary>
    /// <param name="stream">The data. The reader does not dispose it.</param>
    /// <param name="length">How many bytes belong to the message; defaults to the rest of a seekable stream, else unbounded.</param>
    /// <param name="maxDepth">How many nested messages <see cref="TryEnterMessage"/> allows.</param>
    public ProtoReader(Stream stream, long? length = null, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);
        _stream = stream;
        _maxDepth = maxDepth;
        _limit = length ?? (stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : long.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(_limit, nameof(length));
    }

    /// <summary>Creates a reader over bytes in memory.</summary>
    public ProtoReader(ReadOnlyMemory<byte> data, int maxDepth = DefaultMaxDepth)
        : this(new MemoryStream(data.ToArray(), writable: false), null, maxDepth)
    {
    }

    /// <summary>Bytes consumed since the reader started.</summary>
    public long Position => _position;

    /// <summary>The offset where the current message ends.</summary>
    public long Limit => _limit;

    /// <summary>How many messages are currently entered.</summary>
    public int Depth { get; private set; }

    /// <summary>The first error met, or null.</summary>
    public ProtoError? Error { get; private set; }

    /// <summary>Whether the current message has no more bytes (or an error stopped reading).</summary>
    public bool AtEnd => Error is not null || _position >= _limit;

    /// <summary>Reads the next tag of the current message; false at its end or on an error.</summary>
    public bool TryReadTag(out int fieldNumber, out ProtoWireType wireType)
    {
        fieldNumber = 0;
        wireType = default;
        var start = _position;
        if (AtEnd)
        {
            return false;
        }

        // With no known length, the end of the stream between top-level fields is the end of the message.
        if (_limit == long.MaxValue && Depth == 0)
        {
            var first = _stream.ReadByte();
            if (first < 0)
            {
                _limit = _position;
                return false;
            }

            _position++;
            if (!TryReadVarintFrom((byte)first, start, out var unboundedTag))
            {
                return false;
            }

            return TryDecodeTag(unboundedTag, start, out fieldNumber, out wireType);
        }

        return TryReadVarint(out var tag) && TryDecodeTag(tag, start, out fieldNumber, out wireType);
    }

    private bool TryDecodeTag(ulong tag, long start, out int fieldNumber, out ProtoWireType wireType)
    {
        fieldNumber = 0;
        wireType = default;
        var type = (int)(tag & 7);
        var field = tag >> 3;
        if (type is 3 or 4)
        {
            return Fail(ProtoErrorKind.GroupNotSupported, start, "Protobuf groups are not supported.");
        }

        if (type is 6 or 7 || field == 0 || field > int.MaxValue)
        {
            return Fail(ProtoErrorKind.InvalidTag, start, $"Invalid tag 0x{tag:x}.");
        }

        fieldNumber = (int)field;
        wireType = (ProtoWireType)type;
        return true;
    }

    /// <summary>Reads a varint of at most ten bytes; longer or overflowing encodings are errors.</summary>
    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        var start = _position;
        return TryReadByte(out var first) && TryReadVarintFrom(first, start, out value);
    }

    private bool TryReadVarintFrom(byte first, long start, out ulong value)
    {
        value = 0;
        var b = first;
        for (var i = 0; i < 10; i++)
        {
            if (i > 0 && !TryReadByte(out b))
            {
                return false;
            }

            if (i == 9 && b > 1)
            {
                return Fail(ProtoErrorKind.OverlongVarint, start, "Varint overflows 64 bits.");
            }

            value |= (ulong)(b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return Fail(ProtoErrorKind.OverlongVarint, start, "Varint longer than ten bytes.");
    }

    /// <summary>Reads four little-endian bytes.</summary>
    public bool TryReadFixed32(out uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        value = TryReadExactly(buffer) ? BinaryPrimitives.ReadUInt32LittleEndian(buffer) : 0;
        return Error is null;
    }

    /// <summary>Reads eight little-endian bytes.</summary>
    public bool TryReadFixed64(out ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        value = TryReadExactly(buffer) ? BinaryPrimitives.ReadUInt64LittleEndian(buffer) : 0;
        return Error is null;
    }

    /// <summary>Reads the length of a length-delimited field and checks it against what remains of the current message.</summary>
    public bool TryReadLength(out long length)
    {
        length = 0;
        var start = _position;
        if (!TryReadVarint(out var raw))
        {
            return false;
        }

        if (raw > (ulong)(_limit - _position))
        {
            return Fail(ProtoErrorKind.LengthBeyondEnd, start, $"Field length {raw} exceeds the {_limit - _position} bytes that remain.");
        }

        length = (long)raw;
        return true;
    }

    /// <summary>
    /// Reads a length and makes the embedded message the current one. On success pass the returned token to
    /// <see cref="LeaveMessage"/> when done with it.
    /// </summary>
    public bool TryEnterMessage(out long token)
    {
        token = 0;
        var start = _position;
        if (!TryReadLength(out var length))
        {
            return false;
        }

        if (Depth >= _maxDepth)
        {
            return Fail(ProtoErrorKind.DepthExceeded, start, $"Messages nested deeper than {_maxDepth}.");
        }

        token = _limit;
        _limit = _position + length;
        Depth++;
        return true;
    }

    /// <summary>Skips whatever is left of the current message and returns to the enclosing one.</summary>
    public void LeaveMessage(long token)
    {
        if (Error is null && _position < _limit)
        {
            TrySkip(_limit - _position);
        }

        if (Error is null)
        {
            _limit = token;
        }

        Depth = Math.Max(0, Depth - 1);
    }

    /// <summary>Skips the value of a field of the given wire type.</summary>
    public bool TrySkipField(ProtoWireType wireType) => wireType switch
    {
        ProtoWireType.Varint => TryReadVarint(out _),
        ProtoWireType.Fixed32 => TrySkip(4),
        ProtoWireType.Fixed64 => TrySkip(8),
        ProtoWireType.LengthDelimited => TryReadLength(out var length) && TrySkip(length),
        _ => Fail(ProtoErrorKind.GroupNotSupported, _position, "Protobuf groups are not supported."),
    };

    /// <summary>Skips <paramref name="count"/> bytes of the current message, seeking when possible.</summary>
    public bool TrySkip(long count)
    {
        if (Error is not null)
        {
            return false;
        }

        if (count < 0 || count > _limit - _position)
        {
            return Fail(ProtoErrorKind.LengthBeyondEnd, _position, $"Cannot skip {count} bytes; {_limit - _position} remain.");
        }

        var skipped = StreamSkip.Skip(_stream, count);
        _position += skipped;
        return skipped == count || Fail(ProtoErrorKind.Truncated, _position, "Data ends inside a field.");
    }

    /// <summary>
    /// Reads a length-delimited UTF-8 string, keeping at most <paramref name="maxBytes"/> bytes and skipping the
    /// rest (<paramref name="truncated"/> says whether it did).
    /// </summary>
    public bool TryReadString(int maxBytes, out string value, out bool truncated)
    {
        value = string.Empty;
        truncated = false;
        if (!TryReadLength(out var length))
        {
            return false;
        }

        var keep = (int)Math.Min(length, maxBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, keep));
        try
        {
            if (!TryReadExactly(buffer.AsSpan(0, keep)))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(buffer, 0, keep);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        truncated = keep < length;
        return !truncated || TrySkip(length - keep);
    }

    private bool TryReadExactly(Span<byte> destination)
    {
        if (Error is not null)
        {
            return false;
        }

        if (destination.Length > _limit - _position)
        {
            return Fail(ProtoErrorKind.Truncated, _position, "Field runs past the end of its message.");
        }

        var read = _stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        _position += read;
        return read == destination.Length || Fail(ProtoErrorKind.Truncated, _position, "Data ends inside a field.");
    }

    private bool TryReadByte(out byte value)
    {
        value = 0;
        if (Error is not null)
        {
            return false;
        }

        if (_position >= _limit)
        {
            return Fail(ProtoErrorKind.Truncated, _position, "Field runs past the end of its message.");
        }

        var b = _stream.ReadByte();
        if (b < 0)
        {
            return Fail(ProtoErrorKind.Truncated, _position, "Data ends inside a field.");
        }

        _position++;
        value = (byte)b;
        return true;
    }

    private bool Fail(ProtoErrorKind kind, long offset, string message)
    {
        Error ??= new ProtoError(kind, offset, message);
        return false;
    }
}
