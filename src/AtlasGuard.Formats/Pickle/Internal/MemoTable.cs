using System.Runtime.CompilerServices;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>
/// The unpickler memo: keys up to 2^63. Keys close to the entry count (MEMOIZE, BINPUT) live in fixed-size chunks,
/// others in a dictionary, so a single key of 2^32 never sizes an array and growth never copies the whole memo.
/// Plain lists, dicts and sets are stored as kind tags: their identity only matters for counts, and keeping every
/// memoised container alive would make memory grow with the file.
/// </summary>
internal sealed class MemoTable
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private readonly int _maxEntries;
    private SymValue[]?[] _chunks = new SymValue[]?[16];
    private Dictionary<long, SymValue>? _sparse;

    public MemoTable(int maxEntries) => _maxEntries = maxEntries;

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
                return true;
            }
        }

        if (_sparse is not null)
        {
            return _sparse.TryGetValue(key, out value);
        }

        value = default;
        return false;
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
