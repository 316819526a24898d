namespace AtlasGuard.Formats.Pickle;

/// <summary>
/// A call the unpickler would make, recorded when its opcode executes (so a result discarded later with POP is still
/// reported). REDUCE, INST, OBJ, NEWOBJ and NEWOBJ_EX call their callee; BUILD invokes <c>__setstate__</c> or sets
/// attributes; APPEND(S), SETITEM(S) and ADDITEMS invoke <c>append/extend</c>, <c>__setitem__</c> or <c>add</c> on
/// a target that is not a plain list, dict or set.
/// </summary>
public sealed class PickleCall
{
    internal PickleCall(PickleCalleeKind calleeKind, PickleImport? callee, string calleeDescription, long offset,
        PickleOpcode opcode, IReadOnlyList<string> arguments, long argumentCount, bool afterProblem)
    {
        CalleeKind = calleeKind;
        Callee = callee;
        CalleeDescription = calleeDescription;
        Offset = offset;
        Opcode = opcode;
        Arguments = arguments;
        ArgumentCount = argumentCount;
        AfterProblem = afterProblem;
    }

    /// <summary>What the callee is.</summary>
    public PickleCalleeKind CalleeKind { get; }

    /// <summary>The import that is called (<see cref="PickleCalleeKind.Import"/>), or that created the instance
    /// being called or mutated (<see cref="PickleCalleeKind.Instance"/>), or the unresolved extension import; null
    /// when unknown.</summary>
    public PickleImport? Callee { get; }

    /// <summary>A short, printable description such as <c>posix.system</c> or
    /// <c>__setstate__ of an instance of collections.OrderedDict</c>.</summary>
    public string CalleeDescription { get; }

    /// <summary>Absolute offset of the calling opcode.</summary>
    public long Offset { get; }

    /// <summary>The calling opcode.</summary>
    public PickleOpcode Opcode { get; }

    /// <summary>Printable summaries of the first arguments (at most 4): strings quoted and truncated, numbers,
    /// nested tuples, <c>list(len=3)</c>, imports by name.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The number of arguments (-1 when unknown).</summary>
    public long ArgumentCount { get; }

    /// <summary>True when the call comes after the stream's first problem.</summary>
    public bool AfterProblem { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Opcode} {CalleeDescription}({string.Join(", ", Arguments)}) @{Offset}";
}
