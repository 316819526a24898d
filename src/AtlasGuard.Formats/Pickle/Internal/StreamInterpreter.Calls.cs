using System.Buffers.Binary;
using System.Text;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>Opcodes that import globals and call or mutate objects.</summary>
internal sealed partial class StreamInterpreter
{
    private int CurrentProtocol => Math.Max(_protocol, 0);

    // ----- imports -----

    private bool Global(PickleOpcode opcode)
    {
        if (!ReadArgumentLine(1, out var moduleLine, out var moduleComplete))
        {
            return false;
        }

        var module = DecodeName(moduleLine, moduleComplete, ascii: opcode == PickleOpcode.Inst, out var moduleError);
        if (!ReadArgumentLine(1, out var nameLine, out var nameComplete))
        {
            return false;
        }

        var name = DecodeName(nameLine, nameComplete, ascii: opcode == PickleOpcode.Inst, out var nameError);
        var reason = moduleError ?? nameError;
        var import = RecordImport(module, name, opcode, reason);
        if (reason is not null && (moduleError ?? nameError)!.Contains("decode", StringComparison.Ordinal)
            && !Soft($"{opcode} argument: {reason}"))
        {
            return false;
        }

        return Push(SymValue.Object(new ImportValue(import)));
    }

    private string DecodeName(ReadOnlySpan<byte> line, bool complete, bool ascii, out string? error)
    {
        error = null;
        if (ascii ? !TextArguments.IsAscii(line) : !TextArguments.IsValidUtf8(line, allowSurrogates: false, complete))
        {
            error = ascii ? "'ascii' codec can't decode the name" : "'utf-8' codec can't decode the name";
            return TextArguments.DecodeLatin1(line);
        }

        var text = Encoding.UTF8.GetString(line);
        if (!complete)
        {
            error = $"name longer than {_keep} bytes (truncated)";
        }

        return text;
    }

    private PickleImport RecordImport(string? module, string? name, PickleOpcode opcode, string? reason)
    {
        var import = _recorder.RecordImport(module, name, _opOffset, opcode, CurrentProtocol, reason);
        if (import.Occurrences == 1 && (module is not null && !IsDottedIdentifier(module) || name is not null && !IsDottedIdentifier(name)))
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.SuspiciousName, _opOffset,
                $"{opcode} {ArgumentFormatter.Printable(module ?? "?")} {ArgumentFormatter.Printable(name ?? "?")} is not a dotted identifier");
        }

        return import;
    }

    private bool StackGlobal()
    {
        if (!Pop(out var name) || !Pop(out var module))
        {
            return false;
        }

        var moduleText = OperandText(module, out var moduleReason, out var moduleFatal);
        var nameText = OperandText(name, out var nameReason, out var nameFatal);
        var reason = moduleReason is not null ? $"module operand {moduleReason}"
            : nameReason is not null ? $"name operand {nameReason}" : null;
        var import = RecordImport(moduleText, nameText, PickleOpcode.StackGlobal, reason);
        if ((moduleFatal || nameFatal) && !Soft("STACK_GLOBAL requires str"))
        {
            return false;
        }

        return Push(SymValue.Object(new ImportValue(import)));
    }

    /// <summary>The text of a STACK_GLOBAL operand, or why it is not known; fatal when CPython would raise.</summary>
    private string? OperandText(in SymValue value, out string? reason, out bool fatal)
    {
        fatal = false;
        reason = null;
        switch (value.Kind)
        {
            case ValueKind.Str when value.Ref is string text:
                if (value.IsTruncatedText)
                {
                    reason = $"is a string longer than {text.Length} characters (truncated)";
                }

                return text;
            case ValueKind.Str:
                if (_text.TextOf(value) is { } stored)
                {
                    return stored;
                }

                reason = _text.LostReason(value);
                return null;
            case ValueKind.Unknown:
                reason = value.Bits > 0 ? $"comes from missing memo key {value.Bits - 1}" : "is unknown (after an earlier error)";
                return null;
            case ValueKind.Import:
                reason = $"is the global {((ImportValue)value.Ref!).Import.FullName} (its value is unknown)";
                return null;
            case ValueKind.Instance:
            case ValueKind.Extension:
            case ValueKind.Persistent:
                reason = $"is the result of a call ({ArgumentFormatter.Summarize(value, _text)})";
                return null;
            default:
                fatal = true;
                reason = $"is not a str but {value.Kind} {ArgumentFormatter.Summarize(value, _text)}";
                return null;
        }
    }

    private bool Extension(int size)
    {
        if (_source.Read(size, out var data) != ReadStatus.Ok)
        {
            return ReadFailed(ReadStatus.EndOfData, "pickle data was truncated");
        }

        long code = size switch
        {
            1 => data[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(data),
            _ => BinaryPrimitives.ReadInt32LittleEndian(data),
        };
        if (code <= 0)
        {
            return Soft("EXT specifies code <= 0") && Push(SymValue.Unknown);
        }

        var op = size == 1 ? PickleOpcode.Ext1 : size == 2 ? PickleOpcode.Ext2 : PickleOpcode.Ext4;
        var import = _recorder.RecordImport(null, null, _opOffset, op, CurrentProtocol, $"copyreg extension code {code}");
        _recorder.RecordAnomaly(PickleAnomalyKind.ExtensionCode, _opOffset,
            $"{op} {code}: callable from the copyreg extension registry, not resolvable statically");
        return Push(SymValue.Object(new ExtensionValue(import, code)));
    }

    // ----- calls -----

    private bool Reduce()
    {
        if (!Pop(out var args) || !Pop(out var callable))
        {
            return false;
        }

        if (IsLiteral(callable.Kind))
        {
            return Soft($"REDUCE callee is not callable ({ArgumentFormatter.Summarize(callable, _text)})") && Push(SymValue.Unknown);
        }

        if (IsLiteral(args.Kind) && args.Kind != ValueKind.Tuple)
        {
            return Soft("REDUCE argument list must be a tuple") && Push(SymValue.Unknown);
        }

        RecordCall(PickleOpcode.Reduce, callable, args);
        var instance = new InstanceValue(OriginOf(callable), PickleOpcode.Reduce, _opOffset);
        if (callable.Ref is ImportValue { Import: var import } && IsNumpyDtype(import)
            && args.Ref is TupleValue { Items: [{ Ref: string typeString }, ..] })
        {
            instance.Dtype = new DtypeInfo(typeString);
        }

        return Push(SymValue.Object(instance));
    }

    private bool Inst()
    {
        if (!Marker(out var mark))
        {
            return false;
        }

        if (!Global(PickleOpcode.Inst))
        {
            return false;
        }

        var cls = _stack[--_sp];
        RecordCall(PickleOpcode.Inst, cls, _stack.AsSpan(mark, _sp - mark));
        _sp = mark;
        return Push(SymValue.Object(new InstanceValue(OriginOf(cls), PickleOpcode.Inst, _opOffset)));
    }

    private bool Obj()
    {
        if (!Marker(out var mark))
        {
            return false;
        }

        if (_sp - mark < 1)
        {
            return Underflow() && Push(SymValue.Unknown);
        }

        var cls = _stack[mark];
        if (IsLiteral(cls.Kind))
        {
            _sp = mark;
            return Soft($"OBJ class is not callable ({ArgumentFormatter.Summarize(cls, _text)})") && Push(SymValue.Unknown);
        }

        RecordCall(PickleOpcode.Obj, cls, _stack.AsSpan(mark + 1, _sp - mark - 1));
        _sp = mark;
        return Push(SymValue.Object(new InstanceValue(OriginOf(cls), PickleOpcode.Obj, _opOffset)));
    }

    private bool NewObj(bool withKwargs)
    {
        var kwargs = SymValue.None;
        if ((withKwargs && !Pop(out kwargs)) || !Pop(out var args) || !Pop(out var cls))
        {
            return false;
        }

        var opcode = withKwargs ? PickleOpcode.NewObjEx : PickleOpcode.NewObj;
        if (IsLiteral(cls.Kind))
        {
            return Soft($"{opcode} class argument must be a type") && Push(SymValue.Unknown);
        }

        if (IsLiteral(args.Kind) && args.Kind != ValueKind.Tuple)
        {
            return Soft($"{opcode} args argument must be a tuple") && Push(SymValue.Unknown);
        }

        if (withKwargs && IsLiteral(kwargs.Kind) && kwargs.Kind != ValueKind.Dict)
        {
            return Soft($"{opcode} kwargs argument must be a dict") && Push(SymValue.Unknown);
        }

        RecordCall(opcode, cls, args, withKwargs ? kwargs : default);
        return Push(SymValue.Object(new InstanceValue(OriginOf(cls), opcode, _opOffset)));
    }

    private bool Build()
    {
        if (_sp - 2 < _fence)
        {
            return Underflow();
        }

        var state = _stack[--_sp];
        var target = _stack[_sp - 1];
        if (!IsLiteral(target.Kind))
        {
            RecordMutation(PickleOpcode.Build, target, "__setstate__", [state]);
        }

        if (target.Ref is not InstanceValue instance)
        {
            return true;
        }

        if (instance.Dtype is { } dtype && state.Ref is TupleValue tuple)
        {
            if (tuple.Items.Length > 5 && tuple.Items[5].Ref == KindTag.IntTag)
            {
                dtype.ElementSize = tuple.Items[5].Bits;
            }

            if (tuple.Items.Length > 7 && tuple.Items[7].Ref == KindTag.IntTag)
            {
                dtype.Flags = tuple.Items[7].Bits;
            }
        }

        if (_joblibAware && instance.Origin is { } origin && IsJoblibWrapper(origin) && instance.Opcode != PickleOpcode.Build)
        {
            return ReadJoblibArray(instance, state);
        }

        return true;
    }

    private bool Append()
    {
        if (_sp - 1 <= _fence)
        {
            return Underflow();
        }

        return DoAppend(_sp - 1, PickleOpcode.Append);
    }

    private bool Appends() => Marker(out var mark) && DoAppend(mark, PickleOpcode.Appends);

    private bool DoAppend(int start, PickleOpcode opcode)
    {
        if (start > _sp || start <= _fence)
        {
            return Underflow();
        }

        if (start == _sp)
        {
            return true;
        }

        var target = _stack[start - 1];
        var kind = target.Kind;
        if (kind == ValueKind.List)
        {
            if (target.Ref == KindTag.FreshList)
            {
                _stack[start - 1] = new SymValue(KindTag.FreshList, target.Bits + (_sp - start));
            }
            else if (target.Ref is CollectionValue list)
            {
                list.Count += _sp - start;
            }
        }
        else if (!IsLiteral(kind))
        {
            RecordMutation(opcode, target, "extend", _stack.AsSpan(start, _sp - start));
        }
        else if (!Soft($"{opcode} target has no append/extend ({ArgumentFormatter.Summarize(target, _text)})"))
        {
            return false;
        }

        _sp = start;
        return true;
    }

    private bool SetItems() => Marker(out var mark) && DoSetItems(mark, PickleOpcode.SetItems);

    private bool DoSetItems(int start, PickleOpcode opcode)
    {
        if (start > _sp || start <= _fence)
        {
            return Underflow();
        }

        if (start == _sp)
        {
            return true;
        }

        if (((_sp - start) & 1) != 0)
        {
            if (!Soft("odd number of items for SETITEMS"))
            {
                return false;
            }

            _sp = start;
            return true;
        }

        var target = _stack[start - 1];
        if (target.Ref == KindTag.FreshDict)
        {
            var pairs = (_sp - start) / 2;
            var retained = false;
            for (var i = start; i + 1 < _sp; i += 2)
            {
                // Records repeat their keys (memoised once, fetched by BINGET): remember the last arena key that
                // had to be compared and was not retained.
                ref var key = ref _stack[i];
                if (key.Ref == KindTag.ArenaStr && key.Bits == _plainArenaKey)
                {
                    continue;
                }

                if (DictValue.Retains(key, _text))
                {
                    retained = true;
                    break;
                }

                if (key.Ref == KindTag.ArenaStr)
                {
                    _plainArenaKey = key.Bits;
                }
            }

            if (!retained)
            {
                _stack[start - 1] = new SymValue(KindTag.FreshDict, target.Bits + pairs);
                _sp = start;
                return true;
            }

            target = _stack[start - 1] = SymValue.Object(new DictValue(target.Bits));
        }

        if (target.Ref is DictValue dict)
        {
            for (var i = start; i + 1 < _sp; i += 2)
            {
                dict.Set(_stack[i], _stack[i + 1], _text);
            }
        }
        else if (target.Ref != KindTag.DictTag && !IsLiteral(target.Kind))
        {
            RecordMutation(opcode, target, "__setitem__", _stack.AsSpan(start, _sp - start));
        }

        _sp = start;
        return true;
    }

    private bool AddItems()
    {
        if (!Marker(out var mark))
        {
            return false;
        }

        if (mark > _sp || mark <= _fence)
        {
            return Underflow();
        }

        if (mark == _sp)
        {
            return true;
        }

        var target = _stack[mark - 1];
        if (target.Kind == ValueKind.Set)
        {
            if (target.Ref is CollectionValue set)
            {
                set.Count += _sp - mark;
            }
        }
        else if (!IsLiteral(target.Kind))
        {
            RecordMutation(PickleOpcode.AddItems, target, "add", _stack.AsSpan(mark, _sp - mark));
        }

        _sp = mark;
        return true;
    }

    // ----- recording -----

    private void RecordCall(PickleOpcode opcode, in SymValue callee, in SymValue args, in SymValue kwargs = default)
    {
        var kind = CalleeKindOf(callee, out var import);
        if (!_recorder.BeginCall(kind, import, isCall: true))
        {
            return;
        }

        string[] summaries;
        long count;
        if (args.Ref is TupleValue tuple)
        {
            summaries = ArgumentFormatter.SummarizeAll(tuple.Items, _text);
            count = tuple.Count;
        }
        else
        {
            summaries = [$"*{ArgumentFormatter.Summarize(args, _text, 1)}"];
            count = -1;
        }

        if (!kwargs.IsEmpty && summaries.Length < ArgumentFormatter.MaxArguments)
        {
            summaries = [.. summaries, $"**{ArgumentFormatter.Summarize(kwargs, _text, 1)}"];
        }

        _recorder.AddCall(new PickleCall(kind, import, Describe(callee, kind, import, null), _opOffset, opcode, summaries, count,
            _hadProblem));
    }

    private void RecordCall(PickleOpcode opcode, in SymValue callee, ReadOnlySpan<SymValue> args)
    {
        var kind = CalleeKindOf(callee, out var import);
        if (_recorder.BeginCall(kind, import, isCall: true))
        {
            _recorder.AddCall(new PickleCall(kind, import, Describe(callee, kind, import, null), _opOffset, opcode,
                ArgumentFormatter.SummarizeAll(args, _text), args.Length, _hadProblem));
        }
    }

    private void RecordMutation(PickleOpcode opcode, in SymValue target, string method, ReadOnlySpan<SymValue> args)
    {
        var kind = CalleeKindOf(target, out var import);
        if (_recorder.BeginCall(kind, import, isCall: false))
        {
            _recorder.AddCall(new PickleCall(kind, import, Describe(target, kind, import, method), _opOffset, opcode,
                ArgumentFormatter.SummarizeAll(args, _text), args.Length, _hadProblem));
        }
    }

    private static PickleCalleeKind CalleeKindOf(in SymValue value, out PickleImport? import)
    {
        switch (value.Ref)
        {
            case ImportValue imported:
                import = imported.Import;
                return PickleCalleeKind.Import;
            case InstanceValue instance:
                import = instance.Origin;
                return PickleCalleeKind.Instance;
            case ExtensionValue extension:
                import = extension.Import;
                return PickleCalleeKind.Extension;
            case PersistentValue:
                import = null;
                return PickleCalleeKind.Persistent;
            default:
                import = null;
                return PickleCalleeKind.Unknown;
        }
    }

    private string Describe(in SymValue callee, PickleCalleeKind kind, PickleImport? import, string? method)
    {
        var subject = kind switch
        {
            PickleCalleeKind.Import => ArgumentFormatter.Printable(import!.FullName),
            PickleCalleeKind.Instance => import is null ? "an object of unknown origin"
                : $"an object made by {ArgumentFormatter.Printable(import.FullName)}",
            PickleCalleeKind.Extension => $"extension code {((ExtensionValue)callee.Ref!).Code}",
            PickleCalleeKind.Persistent => $"persistent object {((PersistentValue)callee.Ref!).Summary}",
            _ => ArgumentFormatter.Summarize(callee, _text),
        };
        return method is null ? subject : $"{method} on {subject}";
    }

    private static PickleImport? OriginOf(in SymValue value) => value.Ref switch
    {
        ImportValue imported => imported.Import,
        InstanceValue instance => instance.Origin,
        ExtensionValue extension => extension.Import,
        _ => null,
    };

    /// <summary>Values whose Python type is certain and is not a class, function or arbitrary object.</summary>
    private static bool IsLiteral(ValueKind kind) => kind is ValueKind.None or ValueKind.Bool or ValueKind.Int or ValueKind.BigInt
        or ValueKind.Float or ValueKind.Str or ValueKind.Bytes or ValueKind.ByteArray or ValueKind.Tuple or ValueKind.List
        or ValueKind.Dict or ValueKind.Set or ValueKind.FrozenSet;

    private static bool IsNumpyDtype(PickleImport import) =>
        import.Module is { } module && (module == "numpy" || module.StartsWith("numpy.", StringComparison.Ordinal))
        && import.Name is "dtype";

    private static bool IsJoblibWrapper(PickleImport import) =>
        import.IsResolved && $"{import.Module}.{import.Name}".EndsWith(".NumpyArrayWrapper", StringComparison.Ordinal);

    private static bool IsDottedIdentifier(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        var start = true;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (start)
                {
                    return false;
                }

                start = true;
                continue;
            }

            var ok = char.IsLetter(c) || c == '_' || (!start && char.IsDigit(c));
            if (!ok || c > '\u007f' && !char.IsLetterOrDigit(c))
            {
                return false;
            }

            start = false;
        }

        return !start;
    }
}
