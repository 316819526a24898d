using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>
/// The fast path: while the next opcode and its argument lie inside the buffered window (which never crosses a frame
/// end, so FRAME semantics cannot apply), the commonest opcodes are decoded straight from the buffer. Anything else,
/// or anything near the window's end, goes through <see cref="Step"/>.
/// </summary>
internal sealed partial class StreamInterpreter
{
    /// <summary>Longest fixed argument handled here (BINFLOAT's 8 bytes) plus the opcode.</summary>
    private const int FastSlack = 9;

    private bool RunFast()
    {
        var buffer = _source.Buffer;
        var origin = _source.BufferOrigin;
        var pos = _source.BufferPosition;
        var limit = _source.WindowLimit;
        var declared = _protocol < 0 ? 1 : _protocol;
        var minProtocol = OpcodeTable.MinProtocol;
        var ok = true;
        while (limit - pos > FastSlack)
        {
            var op = buffer[pos];
            if (minProtocol[op] > declared)
            {
                break;
            }

            var start = pos;
            switch (op)
            {
                case (byte)PickleOpcode.BinInt1:
                    ok = Push(SymValue.Int(buffer[pos + 1]));
                    pos += 2;
                    break;
                case (byte)PickleOpcode.BinInt2:
                    ok = Push(SymValue.Int(BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(pos + 1))));
                    pos += 3;
                    break;
                case (byte)PickleOpcode.BinInt:
                    ok = Push(SymValue.Int(BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(pos + 1))));
                    pos += 5;
                    break;
                case (byte)PickleOpcode.BinFloat:
                    ok = Push(SymValue.Float(BinaryPrimitives.ReadDoubleBigEndian(buffer.AsSpan(pos + 1))));
                    pos += 9;
                    break;
                case (byte)PickleOpcode.None:
                    ok = Push(SymValue.None);
                    pos++;
                    break;
                case (byte)PickleOpcode.NewTrue:
                case (byte)PickleOpcode.NewFalse:
                    ok = Push(SymValue.Bool(op == (byte)PickleOpcode.NewTrue));
                    pos++;
                    break;
                case (byte)PickleOpcode.BinGet:
                    _opOffset = origin + pos;
                    ok = PushMemo(buffer[pos + 1]);
                    pos += 2;
                    break;
                case (byte)PickleOpcode.LongBinGet:
                    _opOffset = origin + pos;
                    ok = PushMemo(BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(pos + 1)));
                    pos += 5;
                    break;
                case (byte)PickleOpcode.BinPut:
                    _opOffset = origin + pos;
                    ok = _sp <= _fence ? Underflow() : MemoPut(buffer[pos + 1]);
                    pos += 2;
                    break;
                case (byte)PickleOpcode.LongBinPut:
                    _opOffset = origin + pos;
                    ok = _sp <= _fence ? Underflow() : MemoPut(BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(pos + 1)));
                    pos += 5;
                    break;
                case (byte)PickleOpcode.Memoize:
                    _opOffset = origin + pos;
                    ok = Memoize();
                    pos++;
                    break;
                case (byte)PickleOpcode.ShortBinUnicode:
                {
                    var length = buffer[pos + 1];
                    var end = pos + 2 + length;
                    if (end > limit || !IsFastText(buffer.AsSpan(pos + 2, length), out var utf8))
                    {
                        goto exit;
                    }

                    ok = PushText(buffer.AsSpan(pos + 2, length), utf8, end < limit && buffer[end] == (byte)PickleOpcode.Memoize);
                    pos = end;
                    break;
                }

                case (byte)PickleOpcode.BinUnicode:
                {
                    var length = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(pos + 1));
                    if (length > 256 || pos + 5 + length > limit || !IsFastText(buffer.AsSpan(pos + 5, (int)length), out var utf8))
                    {
                        goto exit;
                    }

                    var end = pos + 5 + (int)length;
                    ok = PushText(buffer.AsSpan(pos + 5, (int)length), utf8, end < limit && buffer[end] == (byte)PickleOpcode.Memoize);
                    pos = end;
                    break;
                }

                case (byte)PickleOpcode.Mark:
                    _opOffset = origin + pos;
                    ok = Mark();
                    pos++;
                    break;
                case (byte)PickleOpcode.Pop:
                    _opOffset = origin + pos;
                    ok = PopOne();
                    pos++;
                    break;
                case (byte)PickleOpcode.PopMark:
                    _opOffset = origin + pos;
                    ok = PopMark();
                    pos++;
                    break;
                case (byte)PickleOpcode.Dup:
                    _opOffset = origin + pos;
                    ok = Dup();
                    pos++;
                    break;
                case (byte)PickleOpcode.EmptyDict:
                    _opOffset = origin + pos;
                    ok = Push(new SymValue(KindTag.FreshDict, 0));
                    pos++;
                    break;
                case (byte)PickleOpcode.EmptyList:
                    _opOffset = origin + pos;
                    ok = Push(new SymValue(KindTag.FreshList, 0));
                    pos++;
                    break;
                case (byte)PickleOpcode.EmptyTuple:
                    _opOffset = origin + pos;
                    ok = Push(SymValue.Object(EmptyTuple));
                    pos++;
                    break;
                case (byte)PickleOpcode.EmptySet:
                    _opOffset = origin + pos;
                    ok = Push(SymValue.Object(new CollectionValue(ValueKind.Set, 0)));
                    pos++;
                    break;
                case (byte)PickleOpcode.Append:
                    _opOffset = origin + pos;
                    ok = Append();
                    pos++;
                    break;
                case (byte)PickleOpcode.Appends:
                    _opOffset = origin + pos;
                    ok = Appends();
                    pos++;
                    break;
                case (byte)PickleOpcode.SetItem:
                    _opOffset = origin + pos;
                    ok = DoSetItems(_sp - 2, PickleOpcode.SetItem);
                    pos++;
                    break;
                case (byte)PickleOpcode.SetItems:
                    _opOffset = origin + pos;
                    ok = SetItems();
                    pos++;
                    break;
                case (byte)PickleOpcode.AddItems:
                    _opOffset = origin + pos;
                    ok = AddItems();
                    pos++;
                    break;
                case (byte)PickleOpcode.Tuple:
                    _opOffset = origin + pos;
                    ok = LoadTuple();
                    pos++;
                    break;
                case (byte)PickleOpcode.Tuple1:
                    _opOffset = origin + pos;
                    ok = CountedTuple(1);
                    pos++;
                    break;
                case (byte)PickleOpcode.Tuple2:
                    _opOffset = origin + pos;
                    ok = CountedTuple(2);
                    pos++;
                    break;
                case (byte)PickleOpcode.Tuple3:
                    _opOffset = origin + pos;
                    ok = CountedTuple(3);
                    pos++;
                    break;
                case (byte)PickleOpcode.List:
                    _opOffset = origin + pos;
                    ok = LoadList();
                    pos++;
                    break;
                case (byte)PickleOpcode.Dict:
                    _opOffset = origin + pos;
                    ok = LoadDict();
                    pos++;
                    break;
                case (byte)PickleOpcode.FrozenSet:
                    _opOffset = origin + pos;
                    ok = LoadFrozenSet();
                    pos++;
                    break;
                case (byte)PickleOpcode.Reduce:
                    _opOffset = origin + pos;
                    ok = Reduce();
                    pos++;
                    break;
                case (byte)PickleOpcode.NewObj:
                    _opOffset = origin + pos;
                    ok = NewObj(withKwargs: false);
                    pos++;
                    break;
                case (byte)PickleOpcode.NewObjEx:
                    _opOffset = origin + pos;
                    ok = NewObj(withKwargs: true);
                    pos++;
                    break;
                case (byte)PickleOpcode.StackGlobal:
                    _opOffset = origin + pos;
                    ok = StackGlobal();
                    pos++;
                    break;
                default:
                    goto exit;
            }

            if (++_opcodes >= _nextCheck)
            {
                _source.BufferPosition = pos;
                _opOffset = origin + start;
                if (!Periodic())
                {
                    return false;
                }
            }

            if (!ok)
            {
                _opOffset = origin + start;
                _source.BufferPosition = pos;
                return false;
            }
        }

    exit:
        _source.BufferPosition = pos;
        return true;
    }

    /// <summary>Short UTF-8 text without surrogates (anything else takes the general path); its bytes are kept as
    /// they are, Latin-1 when ASCII.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsFastText(ReadOnlySpan<byte> data, out bool utf8)
    {
        utf8 = false;
        if (System.Text.Ascii.IsValid(data))
        {
            return true;
        }

        utf8 = true;
        return System.Text.Unicode.Utf8.IsValid(data);
    }
}
