using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>Opcodes that push data, manage the memo and build containers.</summary>
internal sealed partial class StreamInterpreter
{
    private const int MaxBytesRetained = 64;

    private bool LoadBinInt(int size)
    {
        if (_source.Read(size, out var data) != ReadStatus.Ok)
        {
            return ReadFailed(ReadStatus.EndOfData, "pickle data was truncated");
        }

        long value = size switch
        {
            1 => data[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(data),
            _ => BinaryPrimitives.ReadInt32LittleEndian(data),
        };
        return Push(SymValue.Int(value));
    }

    private bool LoadBinFloat()
    {
        if (_source.Read(8, out var data) != ReadStatus.Ok)
        {
            return ReadFailed(ReadStatus.EndOfData, "pickle data was truncated");
        }

        return Push(SymValue.Float(BinaryPrimitives.ReadDoubleBigEndian(data)));
    }

    /// <summary>Reads an argument line; false (after reporting) when it is missing or shorter than CPython allows.</summary>
    private bool ReadArgumentLine(int minContent, out ReadOnlySpan<byte> content, out bool complete)
    {
        var status = _source.ReadLine(_keep, out content, out var fullLength);
        complete = fullLength == content.Length;
        if (status != ReadStatus.Ok)
        {
            return ReadFailed(status, "pickle data was truncated (unterminated line)");
        }

        if (fullLength < minContent)
        {
            return Fail(PickleOutcome.Malformed, "pickle data was truncated (empty argument line)");
        }

        return true;
    }

    private bool LoadInt()
    {
        if (!ReadArgumentLine(1, out var content, out var complete))
        {
            return false;
        }

        if (!TextArguments.TryParseInt(content, complete, out var value, out var canonical))
        {
            return Fail(PickleOutcome.Malformed, "could not convert string to int");
        }

        if (!canonical)
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.NonCanonicalInt, _opOffset,
                $"INT argument {ArgumentFormatter.Quote(Encoding.Latin1.GetString(content), !complete)} is not canonical decimal");
        }

        return Push(value);
    }

    private bool LoadLong()
    {
        if (!ReadArgumentLine(1, out var content, out var complete))
        {
            return false;
        }

        if (!TextArguments.TryParseLong(content, complete, out var value, out var canonical))
        {
            return Fail(PickleOutcome.Malformed, "invalid literal for int() in LONG");
        }

        if (!canonical)
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.NonCanonicalInt, _opOffset,
                $"LONG argument {ArgumentFormatter.Quote(Encoding.Latin1.GetString(content), !complete)} is not canonical decimal");
        }

        return Push(value);
    }

    private bool LoadFloat()
    {
        if (!ReadArgumentLine(1, out var content, out var complete))
        {
            return false;
        }

        if (!complete || !TextArguments.TryParseFloat(content, out var value))
        {
            return Fail(PickleOutcome.Malformed, "could not convert string to float");
        }

        return Push(SymValue.Float(value));
    }

    private bool LoadCountedLong(int size)
    {
        if (_source.Read(size, out var header) != ReadStatus.Ok)
        {
            return ReadFailed(ReadStatus.EndOfData, "pickle data was truncated");
        }

        long count = size == 1 ? header[0] : BinaryPrimitives.ReadInt32LittleEndian(header);
        if (count < 0)
        {
            return Fail(PickleOutcome.Malformed, "LONG pickle has negative byte count");
        }

        if (count == 0)
        {
            return Push(SymValue.Int(0));
        }

        var status = _source.ReadPayload(count, into: false, _options.MaxBufferedPayload, 64, out var data);
        if (status != ReadStatus.Ok)
        {
            return ReadFailed(status, $"pickle data was truncated (LONG of {count} bytes)");
        }

        if (data.Length < count)
        {
            return Push(SymValue.Object(new BigIntValue(null, count, null)));
        }

        if (count <= 8)
        {
            long value = 0;
            for (var i = (int)count - 1; i >= 0; i--)
            {
                value = (value << 8) | data[i];
            }

            var shift = 64 - (8 * (int)count);
            return Push(SymValue.Int(shift == 0 ? value : (value << shift) >> shift));
        }

        return Push(TextArguments.FromBigInteger(new BigInteger(data, isUnsigned: false, isBigEndian: false)));
    }

    private bool LoadString()
    {
        if (!ReadArgumentLine(0, out var content, out var complete))
        {
            return false;
        }

        Span<byte> decoded = content.Length <= 512 ? stackalloc byte[content.Length] : new byte[content.Length];
        if (!TextArguments.TryDecodeString(content, complete, decoded, out var written, out var error))
        {
            return Fail(PickleOutcome.Malformed, error ?? "invalid STRING argument");
        }

        return Push(MakeNarrowString(decoded[..written], complete ? written : long.MaxValue >> 9));
    }

    private bool LoadUnicode()
    {
        if (!ReadArgumentLine(0, out var content, out var complete))
        {
            return false;
        }

        if (!TextArguments.TryDecodeRawUnicodeEscape(content, complete, _keep, out var text, out var error))
        {
            return Fail(PickleOutcome.Malformed, error ?? "invalid raw-unicode-escape data");
        }

        return Push(SymValue.Text(text, complete ? text.Length : long.MaxValue >> 9, ValueKind.Str));
    }

    /// <summary>BINSTRING/SHORT_BINSTRING (Python 2 str: decoded with the unpickler's encoding, ASCII by default)
    /// and BINUNICODE/SHORT_BINUNICODE/BINUNICODE8 (UTF-8 with surrogatepass).</summary>
    private bool LoadCountedText(int size, bool unicode)
    {
        if (!ReadLength(size, out var length))
        {
            return false;
        }

        var status = _source.ReadPayload(length, into: false, _options.MaxBufferedPayload, _keep, out var data);
        if (status != ReadStatus.Ok)
        {
            return ReadFailed(status, $"pickle data was truncated (string of {length} bytes)");
        }

        var complete = data.Length == length;
        if (!unicode)
        {
            return Push(MakeNarrowString(data, length));
        }

        if (!TextArguments.IsValidUtf8(data, allowSurrogates: true, complete))
        {
            return Fail(PickleOutcome.Malformed, "'utf-8' codec can't decode bytes in BINUNICODE");
        }

        var text = DecodeUtf8(data);
        return Push(SymValue.Text(text, complete && data.Length <= _keep ? text.Length : Math.Max(length, text.Length + 1),
            ValueKind.Str));
    }

    /// <summary>SHORT_BINBYTES/BINBYTES/BINBYTES8/BYTEARRAY8: payload read with readinto (contiguous across frames).</summary>
    private bool LoadBytes(int size, ValueKind kind)
    {
        if (!ReadLength(size, out var length))
        {
            return false;
        }

        var status = _source.ReadPayload(length, into: true, _options.MaxBufferedPayload, MaxBytesRetained, out var data);
        if (status != ReadStatus.Ok)
        {
            return ReadFailed(status, $"pickle data was truncated (bytes of {length} bytes)");
        }

        if (length == 0 && kind == ValueKind.Bytes)
        {
            return Push(SymValue.Tag(KindTag.EmptyBytesTag));
        }

        var shown = data.Length > MaxBytesRetained ? data[..MaxBytesRetained] : data;
        return Push(SymValue.Text(Encoding.Latin1.GetString(shown), length, kind));
    }

    /// <summary>Reads a 1, 4 or 8 byte unsigned length (calc_binsize: above 2^63-1 is an overflow error).</summary>
    private bool ReadLength(int size, out long length)
    {
        length = 0;
        if (_source.Read(size, out var header) != ReadStatus.Ok)
        {
            return ReadFailed(ReadStatus.EndOfData, "pickle data was truncated");
        }

        ulong raw = size switch
        {
            1 => header[0],
            4 => BinaryPrimitives.ReadUInt32LittleEndian(header),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(header),
        };
        if (raw > long.MaxValue)
        {
            return Fail(PickleOutcome.Malformed, $"length {raw} exceeds the system's maximum size");
        }

        length = (long)raw;
        if (_options.Sniffing && length > 16 * 1024 * 1024)
        {
            return Fail(PickleOutcome.Malformed, "implausible length while sniffing");
        }

        return true;
    }

    /// <summary>A Python 2 str: ASCII by default in CPython; non-ASCII is an anomaly (loaders such as torch decode
    /// UTF-8), kept as UTF-8 when valid, else one char per byte.</summary>
    private SymValue MakeNarrowString(ReadOnlySpan<byte> data, long fullLength)
    {
        if (TextArguments.IsAscii(data))
        {
            return SymValue.Text(DecodeAscii(data), fullLength, ValueKind.Str);
        }

        _recorder.RecordAnomaly(PickleAnomalyKind.NonAsciiString, _opOffset,
            "a Python 2 string holds non-ASCII bytes (CPython's default ASCII decoding raises)", "narrow");
        var text = TextArguments.IsValidUtf8(data, allowSurrogates: false, complete: true)
            ? TextArguments.DecodeUtf8(data, _keep)
            : TextArguments.DecodeLatin1(data);
        var whole = fullLength == data.Length && data.Length <= _keep;
        return SymValue.Text(text, whole ? text.Length : Math.Max(fullLength, text.Length + 1), ValueKind.Str);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private string DecodeUtf8(ReadOnlySpan<byte> data) =>
        data.Length <= _keep ? Encoding.UTF8.GetString(data) : TextArguments.DecodeUtf8(data, _keep);

    private static string DecodeAscii(ReadOnlySpan<byte> data) => data.Length == 0 ? string.Empty : Encoding.ASCII.GetString(data);

    // ----- memo -----

    private bool Get()
    {
        if (!ReadArgumentLine(1, out var content, out _))
        {
            return false;
        }

        if (!TextArguments.TryParseMemoKey(content, out var key))
        {
            return Fail(PickleOutcome.Malformed, "invalid literal for int() with base 10 in GET");
        }

        return PushMemo(key);
    }

    private bool BinGet(int size)
    {
        if (_source.Read(size, out var data) != ReadStatus.Ok)
        {
            return ReadFailed(ReadStatus.EndOfData, "pickle data was truncated");
        }

        return PushMemo(size == 1 ? data[0] : BinaryPrimitives.ReadUInt32LittleEndian(data));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool PushMemo(long key)
    {
        if (_memo.TryGet(key, out var value))
        {
            return Push(value);
        }

        return Soft($"Memo value not found at index {key}") && Push(new SymValue(KindTag.UnknownTag, key + 1));
    }

    private bool Put()
    {
        if (!ReadArgumentLine(1, out var content, out _))
        {
            return false;
        }

        if (_sp <= _fence)
        {
            return Underflow();
        }

        if (!TextArguments.TryParseMemoKey(content, out var key))
        {
            return Fail(PickleOutcome.Malformed, "invalid literal for int() with base 10 in PUT");
        }

        return key < 0 ? Soft("negative PUT argument") : MemoPut(key);
    }

    private bool BinPut(int size)
    {
        if (_source.Read(size, out var data) != ReadStatus.Ok)
        {
            return ReadFailed(ReadStatus.EndOfData, "pickle data was truncated");
        }

        if (_sp <= _fence)
        {
            return Underflow();
        }

        return MemoPut(size == 1 ? data[0] : BinaryPrimitives.ReadUInt32LittleEndian(data));
    }

    private bool Memoize() => _sp <= _fence ? Underflow() : MemoPut(_memo.Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool MemoPut(long key) =>
        _memo.Put(key, ref _stack[_sp - 1]) || Fail(PickleOutcome.BudgetExceeded, "memo budget exceeded", PickleBudget.MemoEntries);

    // ----- containers -----

    private bool LoadTuple()
    {
        if (!Marker(out var mark))
        {
            return false;
        }

        return MakeTuple(mark);
    }

    private bool CountedTuple(int count)
    {
        if (_sp - count < _fence)
        {
            if (!Underflow())
            {
                return false;
            }

            return Push(SymValue.Unknown);
        }

        return MakeTuple(_sp - count);
    }

    private bool MakeTuple(int start)
    {
        var tuple = new TupleValue(_stack.AsSpan(start, _sp - start), _text);
        _sp = start;
        return Push(SymValue.Object(tuple));
    }

    private bool LoadList()
    {
        if (!Marker(out var mark))
        {
            return false;
        }

        var count = _sp - mark;
        _sp = mark;
        return Push(new SymValue(KindTag.FreshList, count));
    }

    private bool LoadFrozenSet()
    {
        if (!Marker(out var mark))
        {
            return false;
        }

        var set = new CollectionValue(ValueKind.FrozenSet, _sp - mark);
        _sp = mark;
        return Push(SymValue.Object(set));
    }

    private bool LoadDict()
    {
        if (!Marker(out var mark))
        {
            return false;
        }

        var dict = new DictValue();
        if (((_sp - mark) & 1) != 0)
        {
            if (!Soft("odd number of items for DICT"))
            {
                return false;
            }
        }
        else
        {
            for (var i = mark; i + 1 < _sp; i += 2)
            {
                dict.Set(_stack[i], _stack[i + 1], _text);
            }
        }

        _sp = mark;
        return Push(SymValue.Object(dict));
    }

    // ----- protocol, frames, buffers, persistent ids -----

    private bool Proto()
    {
        if (_source.Read(1, out var data) != ReadStatus.Ok)
        {
            return ReadFailed(ReadStatus.EndOfData, "pickle data was truncated");
        }

        var version = data[0];
        if (_protocol >= 0)
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.DuplicateProto, _opOffset, $"second PROTO {version} (first was {_protocol})");
        }
        else if (_opcodes > 1)
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.MisplacedProto, _opOffset, $"PROTO {version} is not the first opcode");
        }

        if (version > 5)
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.UnknownProtocol, _opOffset, $"unsupported pickle protocol: {version}");
            return Soft($"unsupported pickle protocol: {version}");
        }

        if (_protocol < 0 && _report.Protocol == 0)
        {
            _report.Protocol = version;
        }

        _protocol = version;
        return true;
    }

    private bool Frame()
    {
        if (_source.Read(8, out var data) != ReadStatus.Ok)
        {
            return ReadFailed(ReadStatus.EndOfData, "pickle data was truncated");
        }

        var raw = BinaryPrimitives.ReadUInt64LittleEndian(data);
        if (raw > long.MaxValue)
        {
            return Fail(PickleOutcome.Malformed, "FRAME length exceeds system's maximum");
        }

        if (!_source.BeginFrame((long)raw, out var nested))
        {
            return _source.BudgetHit
                ? Fail(PickleOutcome.BudgetExceeded, "total byte budget exceeded", PickleBudget.TotalBytes)
                : Fail(PickleOutcome.Truncated, $"FRAME of {raw} bytes runs past the end of the input");
        }

        if (nested)
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.IrregularFrame, _opOffset, $"FRAME of {raw} bytes inside a frame (ignored by CPython)");
        }

        return true;
    }

    private bool NextBuffer()
    {
        _recorder.RecordAnomaly(PickleAnomalyKind.OutOfBandBuffer, _opOffset,
            "NEXT_BUFFER needs out-of-band buffers (CPython raises unless the caller passes buffers)", "next-buffer");
        return Push(SymValue.Tag(KindTag.BufferTag));
    }

    private bool ReadOnlyBuffer() => _sp <= _fence ? Underflow() : true;

    private bool LoadPersId()
    {
        if (!ReadArgumentLine(0, out var content, out var complete))
        {
            return false;
        }

        if (_options.Sniffing && (content.Length == 0 || content.IndexOf((byte)' ') >= 0))
        {
            return Fail(PickleOutcome.Malformed, "implausible persistent id while sniffing");
        }

        if (!TextArguments.IsAscii(content))
        {
            return Soft("persistent IDs in protocol 0 must be ASCII strings")
                && Push(SymValue.Object(new PersistentValue("<non-ASCII id>")));
        }

        var summary = ArgumentFormatter.Quote(Encoding.ASCII.GetString(content), !complete);
        _recorder.RecordPersistentId(summary);
        return Push(SymValue.Object(new PersistentValue(summary)));
    }

    private bool LoadBinPersId()
    {
        if (!Pop(out var pid))
        {
            return false;
        }

        var summary = ArgumentFormatter.Summarize(pid, _text);
        _recorder.RecordPersistentId(summary);
        return Push(SymValue.Object(new PersistentValue(summary)));
    }
}
