using System.Runtime.CompilerServices;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>
/// The unpickler memo: keys up to 2^63. Keys close to the entry count (MEMOIZE, BINPUT) live in fixed-size chunks,
/// others in a dictionary, so a single key of 2^32 never sizes an array and growth never copies the whole memo.
/// Plain lists, dicts and sets are stored as kind tags: their identity only matters for counts, and keeping every
/// memoised container alive would make memory grow with the file. Memoised strings are copied into a few large
/// char arrays (not millions of string objects the GC must trace) within a character budget, and materialised again
/// on GET through a small cache; beyond the budget only a short prefix is kept.
/// </summary>
internal sealed class MemoTable
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private const int ArenaChunkChars = 1 << 20;
    private const int MaxArenaString = 4096;
    private const int TruncatedString = 32;
    private const int CacheSize = 4096;

    private readonly int _maxEntries;
    private readonly long _maxChars;
    private SymValue[]?[] _chunks = new SymValue[]?[16];
    private Dictionary<long, SymValue>? _sparse;
    private readonly List<char[]> _arena = [];
    private int _arenaUsed = ArenaChunkChars;
    private long _chars;
    private readonly (long Bits, string? Text)[] _cache = new (long, string?)[CacheSize];

    public MemoTable(int maxEntries, long maxChars)
    {
        _maxEntries = maxEntries;
        _maxChars = maxChars;
    }

    /// <summary>Distinct keys set (CPython's memo_len, used by MEMOIZE).</summary>
    public long Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(long key, out SymValue value)
    {
        var chunkIndex = (ulong)key >> ChunkBits;
        if (chunkIndex < (ulong)_chunks.Length && _chunks[chunkIndex] is { } chunk)
        {
            value = chunk[key & ChunkMask];
            if (!value.IsEmpty)
            {
                if (value.Ref is ArenaTag tag)
                {
                    value = Materialize(tag, value.Bits);
                }

                return true;
            }
        }

        if (_sparse is not null && _sparse.TryGetValue(key, out value))
        {
            if (value.Ref is ArenaTag tag)
            {
                value = Materialize(tag, value.Bits);
            }

            return true;
        }

        value = default;
        return false;
    }

    private SymValue Materialize(ArenaTag tag, long bits)
    {
        var slot = (int)((ulong)bits * 0x9E3779B97F4A7C15UL >> 52) & (CacheSize - 1);
        ref var cached = ref _cache[slot];
        if (cached.Bits != bits || cached.Text is null)
        {
            var offset = bits >> 20;
            var length = (int)(bits & 0xFFFFF);
            var chunk = _arena[(int)(offset / ArenaChunkChars)];
            cached = (bits, new string(chunk, (int)(offset % ArenaChunkChars), length));
        }

        return SymValue.Text(cached.Text!, cached.Text!.Length, tag.Kind);
    }

    /// <summary>Copies a whole string into the arena, or keeps a prefix once the character budget is spent.</summary>
    private SymValue Store(in SymValue value, string text)
    {
        var length = text.Length;
        if (length > MaxArenaString || value.IsTruncatedText)
        {
            return StoreBounded(value, text);
        }

        _chars += length;
        if (_chars > _maxChars)
        {
            return StoreBounded(value, text);
        }

        if (_arenaUsed + length > ArenaChunkChars)
        {
            _arena.Add(new char[ArenaChunkChars]);
            _arenaUsed = 0;
        }

        var chunkIndex = _arena.Count - 1;
        text.CopyTo(_arena[chunkIndex].AsSpan(_arenaUsed));
        var offset = ((long)chunkIndex * ArenaChunkChars) + _arenaUsed;
        _arenaUsed += length;
        return new SymValue(ArenaTag.For((ValueKind)(value.Bits & 0xFF)), (offset << 20) | (uint)length);
    }

    private SymValue StoreBounded(in SymValue value, string text)
    {
        _chars += Math.Min(text.Length, MaxArenaString);
        return _chars <= _maxChars || text.Length <= TruncatedString
            ? value
            : new SymValue(text[..TruncatedString], value.Bits | ((long)int.MaxValue << 8));
    }

    /// <summary>Stores a value; false when the entry budget is exhausted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Put(long key, in SymValue value)
    {
        var stored = value.Ref switch
        {
            CollectionValue { Kind: ValueKind.List } => SymValue.Tag(KindTag.ListTag),
            CollectionValue { Kind: ValueKind.Set } => SymValue.Tag(KindTag.SetTag),
            DictValue dict when dict.Entries.IsEmpty => SymValue.Tag(KindTag.DictTag),
            string text when text.Length > 0 => Store(value, text),
            _ => value,
        };
        var chunkIndex = (ulong)key >> ChunkBits;
        if (chunkIndex < (ulong)_chunks.Length && _chunks[chunkIndex] is { } chunk)
        {
            ref var slot = ref chunk[key & ChunkMask];
            if (slot.IsEmpty && (_sparse is null || !_sparse.Remove(key)))
            {
                if (Count >= _maxEntries)
                {
                    return false;
                }

                Count++;
            }

            slot = stored;
            return true;
        }

        return PutSlow(key, stored);
    }

    private bool PutSlow(long key, in SymValue value)
    {
        if (_sparse is not null && _sparse.ContainsKey(key))
        {
            _sparse[key] = value;
            return true;
        }

        if (Count >= _maxEntries)
        {
            return false;
        }

        // Chunks only while keys stay dense (below twice the entries seen, plus one chunk).
        if (key < 2 * Count + ChunkSize)
        {
            var chunkIndex = (int)(key >> ChunkBits);
            if (chunkIndex >= _chunks.Length)
            {
                Array.Resize(ref _chunks, Math.Max(chunkIndex + 1, _chunks.Length * 2));
            }

            var chunk = _chunks[chunkIndex] = new SymValue[ChunkSize];
            chunk[key & ChunkMask] = value;
            Count++;
            return true;
        }

        _sparse ??= [];
        _sparse[key] = value;
        Count++;
        return true;
    }
}

/// <summary>Marks a memo entry whose string lives in the memo's char arena.</summary>
internal sealed class ArenaTag
{
    private static readonly ArenaTag StrTag = new(ValueKind.Str);
    private static readonly ArenaTag BytesTag = new(ValueKind.Bytes);
    private static readonly ArenaTag ByteArrayTag = new(ValueKind.ByteArray);

    private ArenaTag(ValueKind kind) => Kind = kind;

    public ValueKind Kind { get; }

    public static ArenaTag For(ValueKind kind) => kind switch
    {
        ValueKind.Bytes => BytesTag,
        ValueKind.ByteArray => ByteArrayTag,
        _ => StrTag,
    };
}
