using System.Buffers;
using System.Runtime.CompilerServices;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>
/// The unpickler memo: keys up to 2^63. Keys close to the entry count (MEMOIZE, BINPUT) live in chunks of
/// <see cref="ChunkSize"/> entries (the first chunk starts small and doubles), others in a dictionary, so a single key
/// of 2^32 never sizes an array and growth never copies the whole memo. The chunks are pooled and returned when the
/// stream ends.
/// <para>
/// An entry is one <see cref="long"/> with no object reference, so the GC never scans the memo: the top 4 bits are a
/// tag and the rest its payload (0 is an empty slot).
/// <list type="bullet">
/// <item><c>Int</c>: an int that fits in 60 bits.</item>
/// <item><c>Scalar</c>: a <see cref="KindTag"/> (None, bools, lists, dicts, sets, unknown, ...) and its small bits.
/// Plain lists, dicts and sets are stored as kind tags: their identity only matters for counts, and keeping every
/// memoised container alive would make memory grow with the file.</item>
/// <item><c>Text</c>: a str/bytes whose bytes are in the <see cref="TextStore"/> arena (kind and handle).</item>
/// <item><c>Lost</c>: a str/bytes whose text did not fit the memo string budget: only its kind and length are kept,
/// and an import that names it is unresolved.</item>
/// <item><c>Side</c>: anything else (imports, instances, tuples, dicts with retained entries, floats, big ints,
/// truncated strings) as an index into a side list of values.</item>
/// </list>
/// </para>
/// </summary>
internal sealed class MemoTable
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;
    private const int FirstChunkInitial = 64;

    private const int TagShift = 60;
    private const long PayloadMask = (1L << TagShift) - 1;
    private const long TagInt = 1L << TagShift;
    private const long TagScalar = 2L << TagShift;
    private const long TagText = 3L << TagShift;
    private const long TagLost = 4L << TagShift;
    private const long TagSide = 5L << TagShift;
    private const int KindShift = 56;
    private const long ScalarBitsLimit = 1L << 52;

    private readonly int _maxEntries;
    private readonly TextStore _text;
    private long[]?[] _chunks = [];
    private Dictionary<long, long>? _sparse;
    private SymValue[] _side = [];
    private int _sideCount;

    public MemoTable(int maxEntries, TextStore text)
    {
        _maxEntries = maxEntries;
        _text = text;
    }

    /// <summary>Distinct keys set (CPython's memo_len, used by MEMOIZE).</summary>
    public long Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(long key, out SymValue value)
    {
        var chunkIndex = (ulong)key >> ChunkBits;
        if (chunkIndex < (ulong)_chunks.Length && _chunks[chunkIndex] is { } chunk)
        {
            var index = (int)(key & ChunkMask);
            if ((uint)index < (uint)chunk.Length && chunk[index] is var entry and not 0)
            {
                value = Decode(entry);
                return true;
            }
        }

        if (_sparse is not null && _sparse.TryGetValue(key, out var sparseEntry))
        {
            value = Decode(sparseEntry);
            return true;
        }

        value = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SymValue Decode(long entry)
    {
        var payload = entry & PayloadMask;
        switch ((ulong)entry >> TagShift)
        {
            case (ulong)TagText >> TagShift:
                return new SymValue(KindTag.Arena((ValueKind)(payload >> KindShift)), payload & ((1L << KindShift) - 1));
            case (ulong)TagInt >> TagShift:
                return SymValue.Int((entry << 4) >> 4);
            case (ulong)TagScalar >> TagShift:
                return new SymValue(KindTag.FromId((int)(payload & 0xFF)), payload >> 8);
            case (ulong)TagLost >> TagShift:
                return new SymValue(KindTag.Lost((ValueKind)(payload >> KindShift)), payload & ((1L << KindShift) - 1));
            default:
                return _side[(int)payload];
        }
    }

    /// <summary>Stores the value on top of the stack; false when the entry budget is exhausted. A str whose bytes
    /// are in the ring is moved to the arena, and <paramref name="value"/> then refers to the arena (same text).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Put(long key, ref SymValue value)
    {
        var chunkIndex = (ulong)key >> ChunkBits;
        if (chunkIndex < (ulong)_chunks.Length && _chunks[chunkIndex] is { } chunk)
        {
            var index = (int)(key & ChunkMask);
            if ((uint)index < (uint)chunk.Length)
            {
                ref var slot = ref chunk[index];
                if (slot == 0 && (_sparse is null || !_sparse.Remove(key)))
                {
                    if (Count >= _maxEntries)
                    {
                        return false;
                    }

                    Count++;
                }

                slot = Encode(ref value);
                return true;
            }
        }

        return PutSlow(key, ref value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Encode(ref SymValue value)
    {
        var reference = value.Ref;
        if (reference is KindTag tag)
        {
            switch (tag.Form)
            {
                case TextForm.Arena:
                    return TagText | ((long)tag.Kind << KindShift) | value.Bits;
                case TextForm.Ring:
                    return CommitRing(ref value);
                case TextForm.Lost:
                    return TagLost | ((long)tag.Kind << KindShift) | Math.Min(value.Bits, (1L << KindShift) - 1);
            }

            var bits = value.Bits;
            if (reference == KindTag.IntTag && (bits << 4) >> 4 == bits)
            {
                return TagInt | (bits & PayloadMask);
            }

            // Memoised containers lose their identity and size (see the class summary).
            if (reference == KindTag.FreshDict)
            {
                return TagScalar | KindTag.DictTag.Id;
            }

            if (reference == KindTag.FreshList)
            {
                return TagScalar | KindTag.ListTag.Id;
            }

            if ((ulong)bits < ScalarBitsLimit)
            {
                return TagScalar | (bits << 8) | tag.Id;
            }

            return Side(value);
        }

        return reference switch
        {
            DictValue dict when dict.Entries.IsEmpty => TagScalar | KindTag.DictTag.Id,
            CollectionValue { Kind: ValueKind.List } => TagScalar | KindTag.ListTag.Id,
            CollectionValue { Kind: ValueKind.Set } => TagScalar | KindTag.SetTag.Id,
            string text when text.Length > 0 => StoreString(value, text),
            _ => Side(value),
        };
    }

    private long CommitRing(ref SymValue value)
    {
        if (_text.TryCommitRing(value.Bits, out var handle, out var chars))
        {
            value = new SymValue(KindTag.ArenaStr, handle);
            return TagText | ((long)ValueKind.Str << KindShift) | handle;
        }

        return TagLost | ((long)ValueKind.Str << KindShift) | chars;
    }

    /// <summary>A whole string goes to the arena; a truncated one (or one the arena cannot hold exactly) is kept as
    /// it is, charged to the same budget; past the budget only the kind and length stay.</summary>
    private long StoreString(in SymValue value, string text)
    {
        var kind = (ValueKind)(value.Bits & 0xFF);
        if (!value.IsTruncatedText && _text.TryAppendString(text, out var handle))
        {
            return TagText | ((long)kind << KindShift) | handle;
        }

        if (_text.Stored < _text.Budget && _text.TryCharge(Math.Min(text.Length, TextStore.MaxHandleLength)))
        {
            return Side(value);
        }

        return TagLost | ((long)kind << KindShift) | Math.Min(value.TextLength, (1L << KindShift) - 1);
    }

    private long Side(in SymValue value)
    {
        // Consecutive stores of the same value (a MEMOIZE or PUT bomb on one object) share one slot.
        if (_sideCount > 0 && _side[_sideCount - 1].Ref == value.Ref && _side[_sideCount - 1].Bits == value.Bits)
        {
            return TagSide | (long)(_sideCount - 1);
        }

        if (_sideCount == _side.Length)
        {
            Array.Resize(ref _side, Math.Max(16, _side.Length * 2));
        }

        _side[_sideCount] = value;
        return TagSide | (long)_sideCount++;
    }

    private bool PutSlow(long key, ref SymValue value)
    {
        if (_sparse is not null && _sparse.ContainsKey(key))
        {
            _sparse[key] = Encode(ref value);
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
            var index = (int)(key & ChunkMask);
            if (chunkIndex >= _chunks.Length)
            {
                Array.Resize(ref _chunks, Math.Max(chunkIndex + 1, Math.Max(4, _chunks.Length * 2)));
            }

            var chunk = _chunks[chunkIndex];
            if (chunk is null || index >= chunk.Length)
            {
                var size = chunkIndex == 0 ? Math.Max(FirstChunkInitial, chunk?.Length * 2 ?? 0) : ChunkSize;
                while (size <= index)
                {
                    size *= 2;
                }

                var grown = ArrayPool<long>.Shared.Rent(Math.Min(size, ChunkSize));
                Array.Clear(grown);
                if (chunk is not null)
                {
                    chunk.CopyTo(grown, 0);
                    ArrayPool<long>.Shared.Return(chunk);
                }

                _chunks[chunkIndex] = chunk = grown;
            }

            // The slot is empty: a key in this chunk's range but outside the array was never stored in it.
            chunk[index] = Encode(ref value);
            Count++;
            return true;
        }

        _sparse ??= [];
        _sparse[key] = Encode(ref value);
        Count++;
        return true;
    }

    /// <summary>Returns the pooled arrays (the stream is over: no handle may be read after this).</summary>
    public void Release()
    {
        foreach (var chunk in _chunks)
        {
            if (chunk is not null)
            {
                ArrayPool<long>.Shared.Return(chunk);
            }
        }

        _chunks = [];
        _sparse = null;
        _side = [];
        _sideCount = 0;
    }
}
