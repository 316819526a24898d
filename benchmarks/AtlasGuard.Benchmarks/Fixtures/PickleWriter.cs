using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace AtlasGuard.Benchmarks.Fixtures;

/// <summary>
/// A minimal pickler that emits opcodes the way CPython's C pickler (<c>_pickle.c</c>) lays them out, so that the
/// generated fixtures are byte-for-byte what <c>pickle.dump</c> would write for the same objects. The caller decides
/// what is memoised and when a memo hit applies (pickle does that by object identity).
/// <list type="bullet">
/// <item>Protocol 4 and up: opcodes are buffered into a frame, and the frame is committed (with a FRAME header when
/// it holds at least 4 bytes) when a <c>save()</c> starts and the frame has reached 64 KiB: <see cref="BeginSave"/>,
/// called by every method here that stands for a whole <c>save()</c> (ints, floats, strs, bytes, memo hits).</item>
/// <item>Payloads of 64 KiB or more commit the current frame and are written outside any frame, header included:
/// <see cref="LargeBytes"/>.</item>
/// <item>Protocol 2: no frames, BINPUT after each memoised object instead of MEMOIZE.</item>
/// </list>
/// </summary>
internal sealed class PickleWriter : IDisposable
{
    private const int FrameSizeTarget = 64 * 1024;
    private const int FrameSizeMin = 4;

    private readonly Stream _output;
    private readonly int _protocol;
    private byte[] _frame = new byte[FrameSizeTarget * 2];
    private int _frameLength;
    private bool _framing;

    public PickleWriter(Stream output, int protocol)
    {
        _output = output;
        _protocol = protocol;
    }

    /// <summary>Memo entries created so far (the index the next memoised object gets).</summary>
    public int MemoCount { get; private set; }

    /// <summary>Writes PROTO (outside any frame) and starts framing for protocol 4 and up.</summary>
    public void Proto()
    {
        Write([0x80, (byte)_protocol]);
        _framing = _protocol >= 4;
    }

    public void Op(byte opcode) => Write([opcode]);

    /// <summary>Memoises the object on top of the stack; returns its memo index.</summary>
    public int Memoize()
    {
        var index = MemoCount++;
        if (_protocol >= 4)
        {
            Op(0x94); // MEMOIZE
        }
        else if (index < 256)
        {
            Write([0x71, (byte)index]); // BINPUT
        }
        else
        {
            Span<byte> op = stackalloc byte[5];
            op[0] = 0x72; // LONG_BINPUT
            BinaryPrimitives.WriteUInt32LittleEndian(op[1..], (uint)index);
            Write(op);
        }

        return index;
    }

    /// <summary>A memo hit: BINGET or LONG_BINGET.</summary>
    public void Get(int index)
    {
        BeginSave();
        if (index < 256)
        {
            Write([0x68, (byte)index]);
            return;
        }

        Span<byte> op = stackalloc byte[5];
        op[0] = 0x6A; // LONG_BINGET
        BinaryPrimitives.WriteUInt32LittleEndian(op[1..], (uint)index);
        Write(op);
    }

    /// <summary>An int as <c>save_long</c> writes it (BININT1, BININT2 or BININT).</summary>
    public void Int(int value)
    {
        BeginSave();
        Span<byte> op = stackalloc byte[5];
        if (value is >= 0 and <= 0xFF)
        {
            op[0] = 0x4B; // BININT1
            op[1] = (byte)value;
            Write(op[..2]);
        }
        else if (value is >= 0 and <= 0xFFFF)
        {
            op[0] = 0x4D; // BININT2
            BinaryPrimitives.WriteUInt16LittleEndian(op[1..], (ushort)value);
            Write(op[..3]);
        }
        else
        {
            op[0] = 0x4A; // BININT
            BinaryPrimitives.WriteInt32LittleEndian(op[1..], value);
            Write(op);
        }
    }

    public void Float(double value)
    {
        BeginSave();
        Span<byte> op = stackalloc byte[9];
        op[0] = 0x47; // BINFLOAT
        BinaryPrimitives.WriteDoubleBigEndian(op[1..], value);
        Write(op);
    }

    /// <summary>A str, not memoised: SHORT_BINUNICODE (protocol 4) or BINUNICODE.</summary>
    public void Str(string value)
    {
        BeginSave();
        var length = Encoding.UTF8.GetByteCount(value);
        var buffer = ArrayPool<byte>.Shared.Rent(length + 5);
        try
        {
            int header;
            if (_protocol >= 4 && length < 256)
            {
                buffer[0] = 0x8C; // SHORT_BINUNICODE
                buffer[1] = (byte)length;
                header = 2;
            }
            else
            {
                buffer[0] = 0x58; // BINUNICODE
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(1), (uint)length);
                header = 5;
            }

            Encoding.UTF8.GetBytes(value, buffer.AsSpan(header));
            Write(buffer.AsSpan(0, header + length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A str followed by its memoisation (the first time pickle sees that object); returns the memo index.</summary>
    public int StrMemo(string value)
    {
        Str(value);
        return Memoize();
    }

    /// <summary>GLOBAL (protocol 2): "module\nname\n", memoised.</summary>
    public int Global(string module, string name)
    {
        Write(Encoding.UTF8.GetBytes($"c{module}\n{name}\n"));
        return Memoize();
    }

    /// <summary>STACK_GLOBAL (protocol 4) with the module and name strings, each memoised, then the result memoised.
    /// <paramref name="moduleMemo"/> is a memo hit for an already pickled module string.</summary>
    public int StackGlobal(string module, string name, int? moduleMemo = null)
    {
        if (moduleMemo is { } hit)
        {
            Get(hit);
        }
        else
        {
            StrMemo(module);
        }

        StrMemo(name);
        Op(0x93); // STACK_GLOBAL
        return Memoize();
    }

    /// <summary>Small bytes (&lt; 64 KiB), inside the frame: SHORT_BINBYTES or BINBYTES.</summary>
    public void Bytes(ReadOnlySpan<byte> value)
    {
        BeginSave();
        if (value.Length < 256)
        {
            Write([0x43, (byte)value.Length]); // SHORT_BINBYTES
        }
        else
        {
            Span<byte> header = stackalloc byte[5];
            header[0] = 0x42; // BINBYTES
            BinaryPrimitives.WriteUInt32LittleEndian(header[1..], (uint)value.Length);
            Write(header);
        }

        Write(value);
    }

    /// <summary>
    /// A large bytes object as <c>_Pickler_write_bytes</c> writes it: the current frame is committed, then the header
    /// (BINBYTES, or BINBYTES8 beyond 4 GiB) and the payload go straight to the file, outside any frame.
    /// </summary>
    public void LargeBytes(long length, Action<Stream> writePayload)
    {
        ArgumentNullException.ThrowIfNull(writePayload);
        CommitFrame();
        Span<byte> header = stackalloc byte[9];
        if (length > uint.MaxValue)
        {
            header[0] = 0x8E; // BINBYTES8
            BinaryPrimitives.WriteUInt64LittleEndian(header[1..], (ulong)length);
            _output.Write(header);
        }
        else
        {
            header[0] = 0x42; // BINBYTES
            BinaryPrimitives.WriteUInt32LittleEndian(header[1..], (uint)length);
            _output.Write(header[..5]);
        }

        var before = _output.Position;
        writePayload(_output);
        if (_output.Position - before != length)
        {
            throw new InvalidOperationException($"payload writer wrote {_output.Position - before} bytes instead of {length}");
        }
    }

    /// <summary>The start of a <c>save()</c> call: commits a frame of 64 KiB or more. Containers, tuples, reduced
    /// objects, None and bools call it themselves before their first opcode.</summary>
    public void BeginSave()
    {
        if (_framing && _frameLength >= FrameSizeTarget)
        {
            CommitFrame();
        }
    }

    /// <summary>STOP and the last frame.</summary>
    public void Stop()
    {
        Op(0x2E);
        CommitFrame();
        _output.Flush();
    }

    public void Dispose()
    {
        if (_frameLength > 0)
        {
            CommitFrame();
        }
    }

    private void Write(ReadOnlySpan<byte> data)
    {
        if (!_framing)
        {
            _output.Write(data);
            return;
        }

        if (_frameLength + data.Length > _frame.Length)
        {
            Array.Resize(ref _frame, Math.Max(_frame.Length * 2, _frameLength + data.Length));
        }

        data.CopyTo(_frame.AsSpan(_frameLength));
        _frameLength += data.Length;
    }

    private void CommitFrame()
    {
        if (_frameLength == 0)
        {
            return;
        }

        if (_frameLength >= FrameSizeMin)
        {
            Span<byte> header = stackalloc byte[9];
            header[0] = 0x95; // FRAME
            BinaryPrimitives.WriteUInt64LittleEndian(header[1..], (ulong)_frameLength);
            _output.Write(header);
        }

        _output.Write(_frame, 0, _frameLength);
        _frameLength = 0;
    }
}
