using System.Runtime.CompilerServices;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>
/// Executes one pickle stream symbolically, opcode by opcode, with the semantics of CPython's C unpickler
/// (Modules/_pickle.c): same stack, mark and fence rules, same memo, same argument parsing. Nothing is imported or
/// called; imports and calls are recorded when their opcode executes. After CPython's first error the analysis may
/// continue for a while (see <see cref="PickleAnalysisOptions.MaxErrorsAfterProblem"/>) to show what other
/// unpicklers would reach; such evidence is flagged <c>AfterProblem</c>.
/// </summary>
internal sealed partial class StreamInterpreter : IFrameListener
{
    private const int CancellationInterval = 4096;

    private readonly ByteSource _source;
    private readonly PickleAnalysisOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly EvidenceRecorder _recorder;
    private readonly TextStore _text;
    private readonly MemoTable _memo;
    private readonly PickleStreamReport _report;
    private readonly bool _joblibAware;
    private readonly List<PickleStreamReport> _nested = [];
    private readonly int _keep;
    private readonly ulong[] _aboveProtocolSeen = new ulong[4];

    private SymValue[] _stack = new SymValue[64];
    private int _sp;

    /// <summary>Every stack slot below this index holds no ring value (see <see cref="MakeRingRoom"/>).</summary>
    private int _ringLow;

    /// <summary>An arena handle known not to spell a retained dict key (-1: none).</summary>
    private long _plainArenaKey = -1;
    private int[] _marks = new int[16];
    private int _markCount;
    private int _fence;
    private int _protocol = -1;
    private long _opOffset;
    private long _opcodes;
    private bool _hadProblem;
    private int _errorsAfterProblem;
    private bool _stopped;
    private long _nextCheck;

    public StreamInterpreter(ByteSource source, PickleAnalysisOptions options, PickleStreamRole role, bool joblibAware,
        CancellationToken cancellationToken)
    {
        _source = source;
        _options = options;
        _cancellationToken = cancellationToken;
        _recorder = new EvidenceRecorder(options);
        _text = new TextStore(options.MaxMemoStringChars);
        _memo = new MemoTable(options.MaxMemoEntries, _text);
        _joblibAware = joblibAware;
        _keep = Math.Max(64, options.MaxRetainedStringLength);
        _report = new PickleStreamReport { Role = role, StartOffset = source.Position };
    }

    /// <summary>The value popped by STOP (Unknown when the stream did not complete).</summary>
    public SymValue FinalValue { get; private set; } = SymValue.Unknown;

    /// <summary>Whether a FRAME overrun made the file reading differ from the in-memory reading.</summary>
    public bool HadDivergentFrames { get; private set; }

    /// <summary>Offset of the first joblib array skipped, -1 when none.</summary>
    public long FirstJoblibArrayOffset { get; private set; } = -1;

    public PickleStreamReport Run()
    {
        var previousListener = _source.Listener;
        _source.Listener = this;
        _source.ResetFrame();
        try
        {
            Execute();
        }
        catch (IOException exception)
        {
            SetProblem(PickleOutcome.ReadError, $"read error: {exception.Message}", PickleBudget.None);
        }
        catch (InvalidDataException exception)
        {
            SetProblem(PickleOutcome.ReadError, $"read error: {exception.Message}", PickleBudget.None);
        }
        finally
        {
            _source.Listener = previousListener;
            _sp = 0;
            _memo.Release();
            _text.Release();
        }

        return Finish();
    }

    void IFrameListener.OnFrameOverrun(long position, long frameEnd, bool divergent)
    {
        if (divergent)
        {
            HadDivergentFrames = true;
        }

        _recorder.RecordAnomaly(PickleAnomalyKind.FrameOverrun, _opOffset, divergent
            ? $"argument at {position} runs past the frame end {frameEnd}: a file-backed load skips to the frame end, pickle.loads does not"
            : $"payload at {position} continues past the frame end {frameEnd}");
    }

    private void Execute()
    {
        _nextCheck = CancellationInterval;
        while (!_stopped)
        {
            if (!RunFast())
            {
                return;
            }

            if (!Step())
            {
                return;
            }
        }
    }

    /// <summary>Executes one opcode through the general (boundary-aware) path.</summary>
    private bool Step()
    {
        _opOffset = _source.Position;
        var status = _source.ReadByte(out var op);
        if (status != ReadStatus.Ok)
        {
            return ReadFailed(status, _opcodes == 0 ? "Ran out of input" : "pickle data was truncated (no STOP)");
        }

        if (++_opcodes >= _nextCheck && !Periodic())
        {
            return false;
        }

        if (OpcodeTable.MinProtocol[op] > (_protocol < 0 ? 1 : _protocol) && op != (byte)PickleOpcode.Proto)
        {
            NoteAboveProtocol(op);
        }

        return Dispatch(op);
    }

    private bool Periodic()
    {
        _nextCheck += CancellationInterval;
        _cancellationToken.ThrowIfCancellationRequested();
        if (_opcodes > _options.MaxOpcodes)
        {
            return Fail(PickleOutcome.BudgetExceeded, "opcode budget exceeded", PickleBudget.Opcodes);
        }

        return true;
    }

    private bool Dispatch(byte op)
    {
        switch (op)
        {
            case (byte)PickleOpcode.Mark: return Mark();
            case (byte)PickleOpcode.Stop: return Stop();
            case (byte)PickleOpcode.Pop: return PopOne();
            case (byte)PickleOpcode.PopMark: return PopMark();
            case (byte)PickleOpcode.Dup: return Dup();
            case (byte)PickleOpcode.Float: return LoadFloat();
            case (byte)PickleOpcode.Int: return LoadInt();
            case (byte)PickleOpcode.BinInt: return LoadBinInt(4);
            case (byte)PickleOpcode.BinInt1: return LoadBinInt(1);
            case (byte)PickleOpcode.Long: return LoadLong();
            case (byte)PickleOpcode.BinInt2: return LoadBinInt(2);
            case (byte)PickleOpcode.None: return Push(SymValue.None);
            case (byte)PickleOpcode.PersId: return LoadPersId();
            case (byte)PickleOpcode.BinPersId: return LoadBinPersId();
            case (byte)PickleOpcode.Reduce: return Reduce();
            case (byte)PickleOpcode.String: return LoadString();
            case (byte)PickleOpcode.BinString: return LoadCountedText(4, unicode: false);
            case (byte)PickleOpcode.ShortBinString: return LoadCountedText(1, unicode: false);
            case (byte)PickleOpcode.Unicode: return LoadUnicode();
            case (byte)PickleOpcode.BinUnicode: return LoadCountedText(4, unicode: true);
            case (byte)PickleOpcode.Append: return Append();
            case (byte)PickleOpcode.Build: return Build();
            case (byte)PickleOpcode.Global: return Global(PickleOpcode.Global);
            case (byte)PickleOpcode.Dict: return LoadDict();
            case (byte)PickleOpcode.EmptyDict: return Push(new SymValue(KindTag.FreshDict, 0));
            case (byte)PickleOpcode.Appends: return Appends();
            case (byte)PickleOpcode.Get: return Get();
            case (byte)PickleOpcode.BinGet: return BinGet(1);
            case (byte)PickleOpcode.Inst: return Inst();
            case (byte)PickleOpcode.LongBinGet: return BinGet(4);
            case (byte)PickleOpcode.List: return LoadList();
            case (byte)PickleOpcode.EmptyList: return Push(new SymValue(KindTag.FreshList, 0));
            case (byte)PickleOpcode.Obj: return Obj();
            case (byte)PickleOpcode.Put: return Put();
            case (byte)PickleOpcode.BinPut: return BinPut(1);
            case (byte)PickleOpcode.LongBinPut: return BinPut(4);
            case (byte)PickleOpcode.SetItem: return DoSetItems(_sp - 2, PickleOpcode.SetItem);
            case (byte)PickleOpcode.Tuple: return LoadTuple();
            case (byte)PickleOpcode.EmptyTuple: return Push(SymValue.Object(EmptyTuple));
            case (byte)PickleOpcode.SetItems: return SetItems();
            case (byte)PickleOpcode.BinFloat: return LoadBinFloat();
            case (byte)PickleOpcode.Proto: return Proto();
            case (byte)PickleOpcode.NewObj: return NewObj(withKwargs: false);
            case (byte)PickleOpcode.Ext1: return Extension(1);
            case (byte)PickleOpcode.Ext2: return Extension(2);
            case (byte)PickleOpcode.Ext4: return Extension(4);
            case (byte)PickleOpcode.Tuple1: return CountedTuple(1);
            case (byte)PickleOpcode.Tuple2: return CountedTuple(2);
            case (byte)PickleOpcode.Tuple3: return CountedTuple(3);
            case (byte)PickleOpcode.NewTrue: return Push(SymValue.Bool(true));
            case (byte)PickleOpcode.NewFalse: return Push(SymValue.Bool(false));
            case (byte)PickleOpcode.Long1: return LoadCountedLong(1);
            case (byte)PickleOpcode.Long4: return LoadCountedLong(4);
            case (byte)PickleOpcode.BinBytes: return LoadBytes(4, ValueKind.Bytes);
            case (byte)PickleOpcode.ShortBinBytes: return LoadBytes(1, ValueKind.Bytes);
            case (byte)PickleOpcode.ShortBinUnicode: return LoadCountedText(1, unicode: true);
            case (byte)PickleOpcode.BinUnicode8: return LoadCountedText(8, unicode: true);
            case (byte)PickleOpcode.BinBytes8: return LoadBytes(8, ValueKind.Bytes);
            case (byte)PickleOpcode.EmptySet: return Push(SymValue.Object(new CollectionValue(ValueKind.Set, 0)));
            case (byte)PickleOpcode.AddItems: return AddItems();
            case (byte)PickleOpcode.FrozenSet: return LoadFrozenSet();
            case (byte)PickleOpcode.NewObjEx: return NewObj(withKwargs: true);
            case (byte)PickleOpcode.StackGlobal: return StackGlobal();
            case (byte)PickleOpcode.Memoize: return Memoize();
            case (byte)PickleOpcode.Frame: return Frame();
            case (byte)PickleOpcode.ByteArray8: return LoadBytes(8, ValueKind.ByteArray);
            case (byte)PickleOpcode.NextBuffer: return NextBuffer();
            case (byte)PickleOpcode.ReadOnlyBuffer: return ReadOnlyBuffer();
            default:
                return Fail(PickleOutcome.Malformed, op is >= 0x20 and <= 0x7e and not (byte)'\'' and not (byte)'\\'
                    ? $"invalid load key, '{(char)op}'."
                    : $"invalid load key, '\\x{op:x2}'.");
        }
    }

    private static readonly TupleValue EmptyTuple = new([]);

    // ----- stack, marks and errors -----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Push(in SymValue value)
    {
        if ((uint)_sp < (uint)_stack.Length)
        {
            _stack[_sp++] = value;
            return true;
        }

        return PushSlow(value);
    }

    /// <summary>Pushes a str whose bytes go to the ring (or, when the next opcode memoises it, straight to the
    /// memo's arena).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool PushText(ReadOnlySpan<byte> data, bool utf8, bool memoizedNext)
    {
        if (memoizedNext && _text.CanAppend(data.Length) && _text.TryAppend(data, utf8, out var handle))
        {
            return Push(new SymValue(KindTag.ArenaStr, handle));
        }

        if (!_text.RingHasRoom(data.Length))
        {
            MakeRingRoom(data.Length);
        }

        if (_sp < _ringLow)
        {
            _ringLow = _sp;
        }

        return Push(new SymValue(KindTag.RingStr, _text.PushRing(data, utf8)));
    }

    /// <summary>Grows the ring or, at its largest, wraps it. Before a wrap the ring values still on the stack become
    /// strings; they can only sit at or above <see cref="_ringLow"/> (the lowest slot a ring value was pushed to
    /// since the last wrap), so the scan is bounded by the pushes since then.</summary>
    private void MakeRingRoom(int length)
    {
        if (_text.RingCanGrow)
        {
            _text.GrowRing(length);
            return;
        }

        for (var i = Math.Min(_ringLow, _sp); i < _sp; i++)
        {
            if (_stack[i].Ref == KindTag.RingStr)
            {
                _stack[i] = _text.Detach(_stack[i]);
            }
        }

        _text.WrapRing();
        _ringLow = _sp;
    }

    private bool PushSlow(in SymValue value)
    {
        if (_sp >= _options.MaxStackDepth)
        {
            return Fail(PickleOutcome.BudgetExceeded, "stack depth budget exceeded", PickleBudget.StackDepth);
        }

        Array.Resize(ref _stack, (int)Math.Min((long)_stack.Length * 2, _options.MaxStackDepth));
        _stack[_sp++] = value;
        return true;
    }

    /// <summary>Pops above the fence; on underflow reports it and yields Unknown (false means stop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Pop(out SymValue value)
    {
        if (_sp > _fence)
        {
            value = _stack[--_sp];
            return true;
        }

        value = SymValue.Unknown;
        return Soft("unpickling stack underflow");
    }

    private bool Underflow() => Soft("unpickling stack underflow");

    /// <summary>CPython's marker(): pops the top mark; without one reports "could not find MARK".</summary>
    private bool Marker(out int mark)
    {
        if (_markCount < 1)
        {
            mark = _sp;
            return Soft("could not find MARK");
        }

        mark = _marks[--_markCount];
        _fence = _markCount > 0 ? _marks[_markCount - 1] : 0;
        return true;
    }

    private bool Mark()
    {
        if (_markCount == _marks.Length)
        {
            if (_markCount >= _options.MaxMarkDepth)
            {
                return Fail(PickleOutcome.BudgetExceeded, "MARK nesting budget exceeded", PickleBudget.MarkDepth);
            }

            Array.Resize(ref _marks, Math.Min(_marks.Length * 2, _options.MaxMarkDepth));
        }

        _marks[_markCount++] = _sp;
        _fence = _sp;
        return true;
    }

    private bool Stop()
    {
        if (_sp <= _fence)
        {
            return Fail(PickleOutcome.Malformed, "unpickling stack underflow at STOP");
        }

        FinalValue = _text.Detach(_stack[--_sp]);
        if (_sp > 0 || _markCount > 0)
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.StackNotEmptyAtStop, _opOffset,
                $"{_sp} object(s) and {_markCount} mark(s) left on the stack at STOP");
        }

        if (_source.FrameEnd > _source.Position)
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.IrregularFrame, _opOffset,
                $"the frame extends {_source.FrameEnd - _source.Position} byte(s) past STOP");
        }

        _stopped = true;
        return false;
    }

    private bool PopOne()
    {
        if (_markCount > 0 && _marks[_markCount - 1] == _sp)
        {
            _markCount--;
            _fence = _markCount > 0 ? _marks[_markCount - 1] : 0;
            return true;
        }

        if (_sp <= _fence)
        {
            return Underflow();
        }

        _sp--;
        return true;
    }

    private bool PopMark()
    {
        if (!Marker(out var mark))
        {
            return false;
        }

        _sp = Math.Min(_sp, mark);
        return true;
    }

    private bool Dup()
    {
        if (_sp <= _fence)
        {
            return Underflow();
        }

        // Two slots will name one container: it needs an object from now on.
        ref var top = ref _stack[_sp - 1];
        if (top.Ref == KindTag.FreshDict)
        {
            top = SymValue.Object(new DictValue(top.Bits));
        }
        else if (top.Ref == KindTag.FreshList)
        {
            top = SymValue.Object(new CollectionValue(ValueKind.List, top.Bits));
        }

        return Push(_stack[_sp - 1]);
    }

    /// <summary>An error CPython raises. The analysis goes on (values become Unknown) within the error budget.</summary>
    private bool Soft(string reason)
    {
        if (!_hadProblem)
        {
            SetProblem(PickleOutcome.Malformed, reason, PickleBudget.None);
            return _options.MaxErrorsAfterProblem > 0;
        }

        _recorder.RecordAnomaly(PickleAnomalyKind.ErrorAfterProblem, _opOffset, reason);
        if (++_errorsAfterProblem > _options.MaxErrorsAfterProblem)
        {
            return false;
        }

        return true;
    }

    /// <summary>An error after which the stream cannot be followed (or a budget / truncation).</summary>
    private bool Fail(PickleOutcome outcome, string reason, PickleBudget budget = PickleBudget.None)
    {
        if (outcome is PickleOutcome.BudgetExceeded or PickleOutcome.ReadError || !_hadProblem)
        {
            SetProblem(outcome, reason, budget);
        }
        else
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.ErrorAfterProblem, _opOffset, reason);
        }

        return false;
    }

    private bool ReadFailed(ReadStatus status, string reason)
    {
        return status == ReadStatus.BudgetExceeded || _source.BudgetHit
            ? Fail(PickleOutcome.BudgetExceeded, "total byte budget exceeded", PickleBudget.TotalBytes)
            : Fail(PickleOutcome.Truncated, reason);
    }

    private void SetProblem(PickleOutcome outcome, string reason, PickleBudget budget)
    {
        if (!_hadProblem)
        {
            _hadProblem = true;
            _recorder.AfterProblem = true;
            _report.OpcodesBeforeProblem = Math.Max(0, _opcodes - 1);
            _report.ProblemOffset = _opOffset;
            _report.Problem = reason;
            _report.Outcome = outcome;
        }
        else if (outcome is PickleOutcome.BudgetExceeded or PickleOutcome.ReadError)
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.ErrorAfterProblem, _opOffset, reason);
        }

        if (outcome == PickleOutcome.BudgetExceeded)
        {
            _report.Budget = budget;
        }
    }

    private void NoteAboveProtocol(byte op)
    {
        var word = op >> 6;
        var bit = 1UL << (op & 63);
        if ((_aboveProtocolSeen[word] & bit) != 0 || !OpcodeTable.IsValid(op))
        {
            return;
        }

        _aboveProtocolSeen[word] |= bit;
        _recorder.RecordAnomaly(PickleAnomalyKind.OpcodeAboveProtocol, _opOffset,
            $"{(PickleOpcode)op} needs protocol {OpcodeTable.MinProtocol[op]} but the stream declares {Math.Max(_protocol, 0)}");
    }

    private PickleStreamReport Finish()
    {
        var report = _report;
        report.EndOffset = _source.Position;
        report.Protocol = Math.Max(report.Protocol, 0);
        report.OpcodeCount = _opcodes;
        if (!_hadProblem)
        {
            report.Outcome = PickleOutcome.Complete;
            report.OpcodesBeforeProblem = _opcodes;
        }

        report.Imports = _recorder.Imports;
        report.ImportsTruncated = _recorder.ImportsTruncated;
        report.ImportCount = _recorder.ImportCount;
        report.Calls = _recorder.Calls;
        report.CallsTruncated = _recorder.CallsTruncated;
        report.CallCount = _recorder.CallCount;
        report.PersistentIdCount = _recorder.PersistentIdCount;
        report.PersistentIdSamples = _recorder.PersistentSamples;
        report.Anomalies = _recorder.Anomalies;
        report.NestedStreams = _nested;
        return report;
    }
}
