using System.Runtime.CompilerServices;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>What a symbolic value stands for.</summary>
internal enum ValueKind : byte
{
    Unknown,
    None,
    Bool,
    Int,
    BigInt,
    Float,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Import,
    Instance,
    Extension,
    Persistent,
    Buffer,
}

/// <summary>
/// A symbolic stack or memo value: 16 bytes, no allocation for scalars. <see cref="Ref"/> is a <see cref="KindTag"/>
/// for scalars (payload in <see cref="Bits"/>), a <see cref="string"/> for str/bytes (kind and full length in
/// <see cref="Bits"/>), or a <see cref="SymObject"/>. A default value (null <see cref="Ref"/>) means "empty slot".
/// </summary>
internal readonly struct SymValue
{
    public readonly object? Ref;
    public readonly long Bits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SymValue(object reference, long bits)
    {
        Ref = reference;
        Bits = bits;
    }

    public static SymValue None => new(KindTag.NoneTag, 0);

    public static SymValue Unknown => new(KindTag.UnknownTag, 0);

    public bool IsEmpty => Ref is null;

    public ValueKind Kind
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Ref switch
        {
            KindTag tag => tag.Kind,
            string => (ValueKind)(Bits & 0xFF),
            SymObject obj => obj.Kind,
            _ => ValueKind.Unknown,
        };
    }

    /// <summary>For str/bytes: the length of the original payload.</summary>
    public long TextLength => Bits >> 8;

    /// <summary>For str/bytes: true when <see cref="Ref"/> holds only a prefix.</summary>
    public bool IsTruncatedText => Ref is string s && s.Length < TextLength;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SymValue Int(long value) => new(KindTag.IntTag, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SymValue Bool(bool value) => new(KindTag.BoolTag, value ? 1 : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SymValue Float(double value) => new(KindTag.FloatTag, BitConverter.DoubleToInt64Bits(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SymValue Text(string text, long fullLength, ValueKind kind) => new(text, (fullLength << 8) | (byte)kind);

    public static SymValue Tag(KindTag tag) => new(tag, 0);

    public static SymValue Object(SymObject obj) => new(obj, 0);
}

/// <summary>Where the text of a str/bytes value held by a <see cref="KindTag"/> is.</summary>
internal enum TextForm : byte
{
    /// <summary>Not a text value (a scalar tag).</summary>
    None,

    /// <summary>In the <see cref="TextStore"/> ring; <see cref="SymValue.Bits"/> is the handle.</summary>
    Ring,

    /// <summary>In the <see cref="TextStore"/> arena (memoised); <see cref="SymValue.Bits"/> is the handle.</summary>
    Arena,

    /// <summary>Not kept (the memo string budget was spent); <see cref="SymValue.Bits"/> is the length in chars.</summary>
    Lost,
}

/// <summary>Marker objects for scalar kinds, and for str/bytes values whose text is in a <see cref="TextStore"/> or
/// was not kept.</summary>
internal sealed class KindTag
{
    private static readonly List<KindTag> All = [];

    public static readonly KindTag NoneTag = new(ValueKind.None);
    public static readonly KindTag BoolTag = new(ValueKind.Bool);
    public static readonly KindTag IntTag = new(ValueKind.Int);
    public static readonly KindTag BigIntTag = new(ValueKind.BigInt);
    public static readonly KindTag FloatTag = new(ValueKind.Float);
    public static readonly KindTag UnknownTag = new(ValueKind.Unknown);
    public static readonly KindTag BufferTag = new(ValueKind.Buffer);
    public static readonly KindTag EmptyBytesTag = new(ValueKind.Bytes);
    public static readonly KindTag ListTag = new(ValueKind.List);
    public static readonly KindTag DictTag = new(ValueKind.Dict);
    public static readonly KindTag SetTag = new(ValueKind.Set);

    /// <summary>A dict or list made on the stack and not aliased yet (no DUP): <see cref="SymValue.Bits"/> is its
    /// size, so the common container needs no object. DUP turns it into a <see cref="DictValue"/> or
    /// <see cref="CollectionValue"/> first, which keeps identity exact.</summary>
    public static readonly KindTag FreshDict = new(ValueKind.Dict);

    /// <inheritdoc cref="FreshDict"/>
    public static readonly KindTag FreshList = new(ValueKind.List);

    public static readonly KindTag RingStr = new(ValueKind.Str, TextForm.Ring);
    public static readonly KindTag ArenaStr = new(ValueKind.Str, TextForm.Arena);
    public static readonly KindTag ArenaBytes = new(ValueKind.Bytes, TextForm.Arena);
    public static readonly KindTag ArenaByteArray = new(ValueKind.ByteArray, TextForm.Arena);
    public static readonly KindTag LostStr = new(ValueKind.Str, TextForm.Lost);
    public static readonly KindTag LostBytes = new(ValueKind.Bytes, TextForm.Lost);
    public static readonly KindTag LostByteArray = new(ValueKind.ByteArray, TextForm.Lost);

    private KindTag(ValueKind kind, TextForm form = TextForm.None)
    {
        Kind = kind;
        Form = form;
        Id = (byte)All.Count;
        All.Add(this);
    }

    public ValueKind Kind { get; }

    public TextForm Form { get; }

    /// <summary>A small number that names this tag in the memo's encoded entries.</summary>
    public byte Id { get; }

    public static KindTag FromId(int id) => All[id];

    public static KindTag Arena(ValueKind kind) => kind switch
    {
        ValueKind.Bytes => ArenaBytes,
        ValueKind.ByteArray => ArenaByteArray,
        _ => ArenaStr,
    };

    public static KindTag Lost(ValueKind kind) => kind switch
    {
        ValueKind.Bytes => LostBytes,
        ValueKind.ByteArray => LostByteArray,
        _ => LostStr,
    };
}

/// <summary>Base of the symbolic objects that need identity (containers, imports, call results).</summary>
internal abstract class SymObject
{
    protected SymObject(ValueKind kind) => Kind = kind;

    public ValueKind Kind { get; }
}

/// <summary>An int too large for 64 bits (kept whole up to 64 bytes).</summary>
internal sealed class BigIntValue(byte[]? littleEndian, long byteCount, string? decimalText) : SymObject(ValueKind.BigInt)
{
    public byte[]? LittleEndian { get; } = littleEndian;

    public long ByteCount { get; } = byteCount;

    public string? DecimalText { get; } = decimalText;
}

/// <summary>A tuple: its length and its first <see cref="MaxItems"/> items, plus the product of its items when
/// all are non-negative ints (joblib shapes).</summary>
internal sealed class TupleValue : SymObject
{
    public const int MaxItems = 8;

    public TupleValue(ReadOnlySpan<SymValue> items, TextStore? text = null) : base(ValueKind.Tuple)
    {
        Count = items.Length;
        Items = items.Length == 0 ? [] : items[..Math.Min(items.Length, MaxItems)].ToArray();
        if (text is not null)
        {
            // A tuple outlives the stack slots (and the ring bytes) its items came from.
            for (var i = 0; i < Items.Length; i++)
            {
                Items[i] = text.Detach(Items[i]);
            }
        }

        long product = 1;
        var ok = true;
        foreach (var item in items)
        {
            if (item.Ref != KindTag.IntTag || item.Bits < 0)
            {
                ok = false;
                break;
            }

            if (item.Bits != 0 && product > long.MaxValue / item.Bits)
            {
                ok = false;
                break;
            }

            product *= item.Bits;
        }

        IntProduct = ok ? product : -1;
    }

    public int Count { get; }

    public SymValue[] Items { get; }

    /// <summary>Product of all items when all are non-negative ints without overflow, else -1.</summary>
    public long IntProduct { get; }
}

/// <summary>A list, set or frozenset: only its size is kept.</summary>
internal sealed class CollectionValue(ValueKind kind, long count) : SymObject(kind)
{
    public long Count { get; set; } = count;
}

/// <summary>A dict: its size and up to <see cref="MaxEntries"/> entries whose keys are structural names that the
/// layout logic needs (joblib NumpyArrayWrapper attributes); other entries are only counted, which keeps dicts cheap.</summary>
internal sealed class DictValue(long count = 0) : SymObject(ValueKind.Dict)
{
    public const int MaxEntries = 16;

    private KeyValuePair<string, SymValue>[]? _entries;
    private int _entryCount;

    public long Count { get; private set; } = count;

    public ReadOnlySpan<KeyValuePair<string, SymValue>> Entries => _entries.AsSpan(0, _entryCount);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(in SymValue key, in SymValue value, TextStore? text)
    {
        // Most keys are tags (ring or arena text, ints, ...) whose length alone shows they are not retained.
        if (key.Ref is KindTag tag && (tag.Form is not (TextForm.Ring or TextForm.Arena) || !MayBeRetained(key.Bits)))
        {
            Count++;
            return;
        }

        SetSlow(key, value, text);
    }

    /// <summary>Whether <paramref name="key"/> is one of the retained keys (no string is made to find out).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Retains(in SymValue key, TextStore? text) => key.Ref is KindTag tag
        ? tag.Form is TextForm.Ring or TextForm.Arena && MayBeRetained(key.Bits) && RetainedName(key, text) is not null
        : key.Ref is string { Length: 5 or 8 or 10 or 27 } && RetainedName(key, text) is not null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayBeRetained(long handle) =>
        (handle & (1L << 13)) == 0 && TextStore.LengthOf(handle) is 5 or 8 or 10 or 27;

    /// <summary>The retained key that <paramref name="key"/> spells (a whole str), else null.</summary>
    private static string? RetainedName(in SymValue key, TextStore? text)
    {
        if (key.Ref is string keyText)
        {
            return IsRetainedKey(keyText) && key.Kind == ValueKind.Str && !key.IsTruncatedText ? keyText : null;
        }

        return (key.Ref == KindTag.RingStr || key.Ref == KindTag.ArenaStr) && text is not null
            ? RetainedKey(text.BytesOf(key, out var utf8), utf8)
            : null;
    }

    private void SetSlow(in SymValue key, in SymValue value, TextStore? text)
    {
        Count++;
        if (RetainedName(key, text) is not { } name)
        {
            return;
        }

        var kept = text is null ? value : text.Detach(value);

        for (var i = 0; i < _entryCount; i++)
        {
            if (string.Equals(_entries![i].Key, name, StringComparison.Ordinal))
            {
                _entries[i] = new(name, kept);
                Count--;
                return;
            }
        }

        if (_entryCount == MaxEntries)
        {
            return;
        }

        _entries ??= new KeyValuePair<string, SymValue>[4];
        if (_entryCount == _entries.Length)
        {
            Array.Resize(ref _entries, MaxEntries);
        }

        _entries[_entryCount++] = new(name, kept);
    }

    /// <summary>The retained key spelled by <paramref name="bytes"/> (ASCII names: only Latin-1 text can match), else
    /// null; no string is made for other keys.</summary>
    private static string? RetainedKey(ReadOnlySpan<byte> bytes, bool utf8)
    {
        if (utf8)
        {
            return null;
        }

        return bytes.Length switch
        {
            5 when bytes.SequenceEqual("shape"u8) => "shape",
            5 when bytes.SequenceEqual("order"u8) => "order",
            5 when bytes.SequenceEqual("dtype"u8) => "dtype",
            8 when bytes.SequenceEqual("subclass"u8) => "subclass",
            10 when bytes.SequenceEqual("allow_mmap"u8) => "allow_mmap",
            27 when bytes.SequenceEqual("numpy_array_alignment_bytes"u8) => "numpy_array_alignment_bytes",
            _ => null,
        };
    }

    private static bool IsRetainedKey(string name) => name.Length switch
    {
        5 => name is "shape" or "order" or "dtype",
        8 => name == "subclass",
        10 => name == "allow_mmap",
        27 => name == "numpy_array_alignment_bytes",
        _ => false,
    };

    public bool TryGet(string key, out SymValue value)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}

/// <summary>An imported global (resolved or not).</summary>
internal sealed class ImportValue(PickleImport import) : SymObject(ValueKind.Import)
{
    public PickleImport Import { get; } = import;
}

/// <summary>The object returned by a call (or an instance built by NEWOBJ/OBJ/INST).</summary>
internal sealed class InstanceValue(PickleImport? origin, PickleOpcode opcode, long offset) : SymObject(ValueKind.Instance)
{
    /// <summary>The import whose call created this object, transitively; null when unknown.</summary>
    public PickleImport? Origin { get; } = origin;

    public PickleOpcode Opcode { get; } = opcode;

    public long Offset { get; } = offset;

    /// <summary>Set for objects made by <c>numpy.dtype(...)</c>.</summary>
    public DtypeInfo? Dtype { get; set; }

    /// <summary>Set for joblib NumpyArrayWrapper instances: the attributes set by BUILD.</summary>
    public DictValue? WrapperState { get; set; }
}

/// <summary>What is known of a numpy dtype built in the stream.</summary>
internal sealed class DtypeInfo(string typeString)
{
    public string TypeString { get; } = typeString;

    public long ElementSize { get; set; } = -1;

    public long Flags { get; set; }
}

/// <summary>An object from the copyreg extension registry.</summary>
internal sealed class ExtensionValue(PickleImport import, long code) : SymObject(ValueKind.Extension)
{
    public PickleImport Import { get; } = import;

    public long Code { get; } = code;
}

/// <summary>An object returned by persistent_load.</summary>
internal sealed class PersistentValue(string summary) : SymObject(ValueKind.Persistent)
{
    public string Summary { get; } = summary;
}
