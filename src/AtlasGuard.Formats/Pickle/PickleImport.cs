namespace AtlasGuard.Formats.Pickle;

/// <summary>
/// A global that the stream makes the unpickler import (<c>find_class(module, name)</c>), or an import that cannot be
/// resolved statically. Identical imports are reported once, with the first offset and an occurrence count.
/// </summary>
public sealed class PickleImport
{
    internal PickleImport(string? module, string? name, long offset, PickleOpcode opcode, int protocol, string? unresolvedReason,
        bool afterProblem)
    {
        Module = module;
        Name = name;
        Offset = offset;
        Opcode = opcode;
        Protocol = protocol;
        UnresolvedReason = unresolvedReason;
        AfterProblem = afterProblem;
        Occurrences = 1;
    }

    /// <summary>The module exactly as the stream gives it (for example <c>posix</c> or <c>__builtin__</c>); null or
    /// partial when unresolved.</summary>
    public string? Module { get; }

    /// <summary>The name exactly as given, possibly dotted (<c>os.system</c> under module <c>pathlib</c>).</summary>
    public string? Name { get; }

    /// <summary>Absolute offset of the opcode of the first occurrence.</summary>
    public long Offset { get; }

    /// <summary>The opcode of the first occurrence (GLOBAL, STACK_GLOBAL, INST, EXT1/2/4).</summary>
    public PickleOpcode Opcode { get; }

    /// <summary>The protocol in effect (last PROTO, 0 if none): below 3 CPython maps Python 2 names, from 4 on it
    /// resolves dotted names attribute by attribute.</summary>
    public int Protocol { get; }

    /// <summary>True when <see cref="Module"/> and <see cref="Name"/> are both known exactly.</summary>
    public bool IsResolved => UnresolvedReason is null;

    /// <summary>Why the import could not be resolved (operand not a string, memo miss, extension code...).</summary>
    public string? UnresolvedReason { get; }

    /// <summary>True when first seen after the stream's first problem: CPython would not have reached it, but other
    /// unpicklers might.</summary>
    public bool AfterProblem { get; }

    /// <summary>How many times the stream imports this global.</summary>
    public long Occurrences { get; internal set; }

    /// <summary>How many times the imported object itself is called (REDUCE, INST, OBJ, NEWOBJ, NEWOBJ_EX).</summary>
    public long CallCount { get; internal set; }

    /// <summary>The dotted display form, <c>module.name</c> (with <c>?</c> for unknown parts).</summary>
    public string FullName => $"{Module ?? "?"}.{Name ?? "?"}";

    /// <inheritdoc />
    public override string ToString() => IsResolved ? FullName : $"{FullName} (unresolved: {UnresolvedReason})";
}
