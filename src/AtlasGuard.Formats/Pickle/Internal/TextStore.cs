using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>
/// Where the text of str and bytes values lives without a <see cref="string"/> per value. Two regions hold raw bytes
/// (Latin-1, one byte per char, or UTF-8), both in pooled arrays returned when the stream ends:
/// <list type="bullet">
/// <item>the ring: strings pushed by the fast path. It grows to <see cref="RingMax"/> and then wraps; before a wrap
/// the interpreter turns the ring values still on its stack into strings, and every wrap starts a new epoch, so a
/// ring value that escaped (it never should) is detected as stale, never read as other bytes.</item>
/// <item>the arena: memoised strings, append-only for the stream's life, in blocks that start small and double up to
/// <see cref="BlockMax"/>, within a byte budget (<see cref="PickleAnalysisOptions.MaxMemoStringChars"/>). Past the
/// budget a memoised string keeps only its kind and length (<see cref="TextForm.Lost"/>), and an import that names
/// it is unresolved.</item>
/// </list>
/// A handle (the <see cref="SymValue.Bits"/> of a ring or arena value) is: bits 0-12 the byte length, bit 13 set for
/// UTF-8, bits 14-33 the offset, bits 34 and up the block index (arena) or the epoch (ring).
/// </summary>
internal sealed class TextStore
{
    public const int MaxHandleLength = (1 << 13) - 1;
    public const int RingMax = 64 * 1024;
    private const int RingInitial = 4096;
    private const int BlockInitial = 4096;
    private const int BlockMax = 1 << 20;
    private const int MaxBlocks = 1 << 20;
    private const long EpochMask = (1L << 29) - 1;
    private const int CacheSize = 256;

    private readonly long _budget;
    private byte[]? _ring;
    private int _ringPos;
    private long _epoch = 1;
    private byte[][] _blocks = [];
    private int _blockCount;
    private int _blockUsed;
    private int _blockCapacity;
    private long _stored;
    private (long Bits, string? Text)[]? _cache;

    public TextStore(long budget) => _budget = budget;

    /// <summary>Bytes (or chars kept as strings) charged to the memo string budget so far.</summary>
    public long Stored => _stored;

    public long Budget => _budget;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOf(long handle) => (int)(handle & MaxHandleLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsUtf8(long handle) => (handle & (1L << 13)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int OffsetOf(long handle) => (int)((handle >> 14) & 0xFFFFF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Handle(long high, int offset, int length, bool utf8) =>
        (high << 34) | ((long)offset << 14) | (utf8 ? 1L << 13 : 0) | (uint)length;

    // ----- ring -----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool RingHasRoom(int length) => _ring is { } ring && ring.Length - _ringPos >= length;

    /// <summary>True when the ring can still grow (so making room needs no wrap).</summary>
    public bool RingCanGrow => _ring is null || _ring.Length < RingMax;

    /// <summary>Grows the ring, keeping its content at the same offsets (live handles stay valid).</summary>
    public void GrowRing(int length)
    {
        var size = _ring is null ? RingInitial : _ring.Length * 2;
        while (size - _ringPos < length)
        {
            size *= 2;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Min(size, RingMax));
        if (_ring is { } old)
        {
            old.AsSpan(0, _ringPos).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(old);
        }

        _ring = grown;
    }

    /// <summary>Starts writing the ring from the beginning: every earlier ring handle becomes stale.</summary>
    public void WrapRing()
    {
        _epoch = (_epoch + 1) & EpochMask;
        _ringPos = 0;
    }

    /// <summary>Copies <paramref name="data"/> into the ring (the caller made room) and returns its handle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long PushRing(ReadOnlySpan<byte> data, bool utf8)
    {
        var offset = _ringPos;
        data.CopyTo(_ring.AsSpan(offset));
        _ringPos = offset + data.Length;
        return Handle(_epoch, offset, data.Length, utf8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsLive(long ringHandle) => ringHandle >> 34 == _epoch;

    // ----- arena -----

    /// <summary>Whether <paramref name="length"/> more bytes fit the budget (the arena may still need a block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CanAppend(int length) => _stored + length <= _budget;

    /// <summary>Copies <paramref name="data"/> into the arena; false (nothing stored) when the budget is spent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAppend(ReadOnlySpan<byte> data, bool utf8, out long handle)
    {
        var length = data.Length;
        if (_blockCapacity - _blockUsed >= length && _blockCount > 0 && _stored + length <= _budget)
        {
            var offset = _blockUsed;
            data.CopyTo(_blocks[_blockCount - 1].AsSpan(offset));
            _blockUsed = offset + length;
            _stored += length;
            handle = Handle(_blockCount - 1, offset, length, utf8);
            return true;
        }

        return AppendSlow(data, utf8, out handle);
    }

    private bool AppendSlow(ReadOnlySpan<byte> data, bool utf8, out long handle)
    {
        handle = 0;
        var length = data.Length;
        if (length > MaxHandleLength || _stored + length > _budget)
        {
            return false;
        }

        if (_blockCount == 0 || _blockCapacity - _blockUsed < length)
        {
            if (_blockCount == MaxBlocks)
            {
                return false;
            }

            var size = _blockCount == 0 ? BlockInitial : Math.Min(_blockCapacity * 2, BlockMax);
            if (_blockCount == _blocks.Length)
            {
                Array.Resize(ref _blocks, Math.Max(8, _blocks.Length * 2));
            }

            var block = ArrayPool<byte>.Shared.Rent(Math.Max(size, length));
            _blocks[_blockCount++] = block;
            _blockCapacity = Math.Min(block.Length, BlockMax); // offsets must fit their 20 bits
            _blockUsed = 0;
        }

        return TryAppend(data, utf8, out handle);
    }

    /// <summary>Charges chars kept in a live string (a truncated memoised string) to the budget; false past it.</summary>
    public bool TryCharge(long chars)
    {
        if (_stored + chars > _budget)
        {
            return false;
        }

        _stored += chars;
        return true;
    }

    /// <summary>Moves the text of a ring handle into the arena; false when the budget is spent (or the handle is
    /// stale), with the length in chars for the value that keeps no text.</summary>
    public bool TryCommitRing(long ringHandle, out long arenaHandle, out long chars)
    {
        var length = LengthOf(ringHandle);
        var utf8 = IsUtf8(ringHandle);
        if (!IsLive(ringHandle))
        {
            arenaHandle = 0;
            chars = length;
            return false;
        }

        var bytes = _ring.AsSpan(OffsetOf(ringHandle), length);
        if (CanAppend(length) && TryAppend(bytes, utf8, out arenaHandle))
        {
            chars = 0;
            return true;
        }

        arenaHandle = 0;
        chars = utf8 ? Encoding.UTF8.GetCharCount(bytes) : length;
        return false;
    }

    /// <summary>Copies a string into the arena: Latin-1 when every char fits a byte, else UTF-8 when the string is
    /// well-formed UTF-16. False when it cannot be stored exactly that way or the budget is spent.</summary>
    public bool TryAppendString(string text, out long handle)
    {
        handle = 0;
        if (text.Length > MaxHandleLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[MaxHandleLength];
        if (Latin1Utility.TryEncode(text, bytes, out var written))
        {
            return TryAppend(bytes[..written], utf8: false, out handle);
        }

        if (!Utf8Utility.TryEncodeWellFormed(text, bytes, out written))
        {
            return false;
        }

        return TryAppend(bytes[..written], utf8: true, out handle);
    }

    // ----- reading -----

    /// <summary>The text of a ring or arena value; null when a ring value is stale or the value keeps no text.</summary>
    public string? TextOf(in SymValue value)
    {
        if (value.Ref is not KindTag { Form: var form })
        {
            return null;
        }

        return form switch
        {
            TextForm.Ring => IsLive(value.Bits) ? Decode(_ring.AsSpan(OffsetOf(value.Bits), LengthOf(value.Bits)), IsUtf8(value.Bits)) : null,
            TextForm.Arena => ArenaText(value.Bits),
            _ => null,
        };
    }

    /// <summary>The raw bytes of a live ring or arena value (empty for anything else); Latin-1 unless
    /// <paramref name="utf8"/>.</summary>
    public ReadOnlySpan<byte> BytesOf(in SymValue value, out bool utf8)
    {
        utf8 = IsUtf8(value.Bits);
        if (value.Ref is not KindTag { Form: var form })
        {
            return default;
        }

        return form switch
        {
            TextForm.Ring when IsLive(value.Bits) => _ring.AsSpan(OffsetOf(value.Bits), LengthOf(value.Bits)),
            TextForm.Arena => _blocks[(int)(value.Bits >> 34)].AsSpan(OffsetOf(value.Bits), LengthOf(value.Bits)),
            _ => default,
        };
    }

    private string ArenaText(long handle)
    {
        _cache ??= new (long, string?)[CacheSize];
        var slot = (int)((ulong)handle * 0x9E3779B97F4A7C15UL >> 54) & (CacheSize - 1);
        ref var cached = ref _cache[slot];
        if (cached.Bits != handle || cached.Text is null)
        {
            var bytes = _blocks[(int)(handle >> 34)].AsSpan(OffsetOf(handle), LengthOf(handle));
            cached = (handle, Decode(bytes, IsUtf8(handle)));
        }

        return cached.Text!;
    }

    private static string Decode(ReadOnlySpan<byte> bytes, bool utf8) =>
        bytes.Length == 0 ? string.Empty : utf8 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);

    /// <summary>A value that no longer depends on this store: ring and arena text becomes a string (a stale ring
    /// value becomes one that keeps no text).</summary>
    public SymValue Detach(in SymValue value)
    {
        if (value.Ref is not KindTag { Form: TextForm.Ring or TextForm.Arena } tag)
        {
            return value;
        }

        var text = TextOf(value);
        return text is null
            ? new SymValue(KindTag.Lost(tag.Kind), LengthOf(value.Bits))
            : SymValue.Text(text, text.Length, tag.Kind);
    }

    /// <summary>Why the text of a value that keeps none is unknown.</summary>
    public string LostReason(in SymValue value) => value.Ref is KindTag { Form: TextForm.Ring }
        ? "is a string whose text was overwritten"
        : $"is a memoised string of {value.Bits} characters whose text was not kept (memo string budget of {_budget} bytes spent)";

    /// <summary>Returns the pooled arrays (the stream is over: no handle may be read after this).</summary>
    public void Release()
    {
        if (_ring is { } ring)
        {
            _ring = null;
            ArrayPool<byte>.Shared.Return(ring);
        }

        for (var i = 0; i < _blockCount; i++)
        {
            ArrayPool<byte>.Shared.Return(_blocks[i]);
        }

        _blocks = [];
        _blockCount = 0;
        _blockCapacity = 0;
        _blockUsed = 0;
        _cache = null;
    }

    private static class Latin1Utility
    {
        public static bool TryEncode(string text, Span<byte> destination, out int written)
        {
            written = 0;
            foreach (var c in text)
            {
                if (c > '\u00ff')
                {
                    return false;
                }

                destination[written++] = (byte)c;
            }

            return true;
        }
    }

    private static class Utf8Utility
    {
        public static bool TryEncodeWellFormed(string text, Span<byte> destination, out int written)
        {
            written = 0;
            var status = System.Text.Unicode.Utf8.FromUtf16(text, destination, out var read, out written,
                replaceInvalidSequences: false);
            return status == OperationStatus.Done && read == text.Length;
        }
    }
}
