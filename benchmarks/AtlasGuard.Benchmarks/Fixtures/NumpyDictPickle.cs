using System.Buffers;
using System.Runtime.InteropServices;

namespace AtlasGuard.Benchmarks.Fixtures;

/// <summary>
/// Writes <c>pickle.dump({name: ndarray, ...}, f, protocol=4)</c> for C-contiguous float32 arrays, exactly as CPython
/// and NumPy 1.x lay it out: <c>numpy.core.multiarray._reconstruct</c> through STACK_GLOBAL and REDUCE, then BUILD with
/// the state tuple <c>(1, shape, dtype, False, raw_bytes)</c> whose raw bytes (64 KiB or more) go outside any frame.
/// Element <c>j</c> of array <c>k</c> is <c>float32(((j + 7k) % 2001) - 1000) * float32(0.001)</c>, which
/// <c>benchmarks/python/check_fixtures.py</c> rebuilds with NumPy to compare the files byte for byte.
/// </summary>
internal static class NumpyDictPickle
{
    private const int Period = 2001;

    /// <summary>The default fixture: 16 arrays of 4096 x 4096 float32 (64 MiB each), 1 GiB of array data.</summary>
    public static void Write(string path, int arrays = 16, int rows = 4096, int cols = 4096)
    {
        using var file = FixtureFile.Create(path);
        using (var pickle = new PickleWriter(file.Stream, protocol: 4))
        {
            WriteDict(pickle, arrays, rows, cols);
        }

        file.Commit();
    }

    public static string KeyOf(int index) => $"layers.{index}.weight";

    private static void WriteDict(PickleWriter pickle, int arrays, int rows, int cols)
    {
        pickle.Proto();
        pickle.BeginSave();
        pickle.Op(0x7D); // EMPTY_DICT
        pickle.Memoize();
        var batched = arrays != 1;
        if (batched)
        {
            pickle.Op(0x28); // MARK
        }

        var memo = new SharedMemo();
        for (var k = 0; k < arrays; k++)
        {
            if (batched && k > 0 && k % 1000 == 0)
            {
                pickle.Op(0x75); // SETITEMS
                pickle.Op(0x28); // MARK
            }

            pickle.StrMemo(KeyOf(k));
            WriteArray(pickle, memo, k, rows, cols);
        }

        pickle.Op(batched ? (byte)0x75 : (byte)0x73); // SETITEMS / SETITEM
        pickle.Stop();
    }

    /// <summary>ndarray.__reduce__: (_reconstruct, (ndarray, (0,), b'b'), (1, shape, dtype, False, data)).</summary>
    private static void WriteArray(PickleWriter pickle, SharedMemo memo, int k, int rows, int cols)
    {
        // save(array) starts, then save(callable)
        pickle.BeginSave();
        if (memo.Reconstruct is { } reconstruct)
        {
            pickle.Get(reconstruct);
        }
        else
        {
            pickle.StrMemo("numpy.core.multiarray");
            pickle.StrMemo("_reconstruct");
            pickle.Op(0x93); // STACK_GLOBAL
            memo.Reconstruct = pickle.Memoize();
        }

        // save(args): (ndarray, (0,), b'b')
        if (memo.Ndarray is { } ndarray)
        {
            pickle.Get(ndarray);
        }
        else
        {
            memo.NumpyModule = pickle.StrMemo("numpy");
            pickle.StrMemo("ndarray");
            pickle.Op(0x93); // STACK_GLOBAL
            memo.Ndarray = pickle.Memoize();
        }

        pickle.Int(0);
        pickle.Op(0x85); // TUPLE1: a new (0,) each time
        pickle.Memoize();
        if (memo.OrderB is { } orderB)
        {
            pickle.Get(orderB);
        }
        else
        {
            pickle.Bytes("b"u8);
            memo.OrderB = pickle.Memoize();
        }

        pickle.Op(0x87); // TUPLE3
        pickle.Memoize();
        pickle.Op(0x52); // REDUCE
        pickle.Memoize();

        // save(state): (1, shape, dtype, is_fortran, raw data), a tuple of 5: MARK ... TUPLE
        pickle.BeginSave();
        pickle.Op(0x28); // MARK
        pickle.Int(1);
        pickle.Int(rows);
        pickle.Int(cols);
        pickle.Op(0x86); // TUPLE2
        pickle.Memoize();
        WriteDtype(pickle, memo);
        pickle.BeginSave();
        pickle.Op(0x89); // NEWFALSE
        pickle.LargeBytes((long)rows * cols * sizeof(float), stream => WriteData(stream, k, (long)rows * cols));
        pickle.Memoize();
        pickle.Op(0x74); // TUPLE
        pickle.Memoize();
        pickle.Op(0x62); // BUILD
    }

    /// <summary>np.dtype('float32'): a singleton, so only the first array pickles it.</summary>
    private static void WriteDtype(PickleWriter pickle, SharedMemo memo)
    {
        pickle.BeginSave();
        if (memo.Dtype is { } dtype)
        {
            pickle.Get(dtype);
            return;
        }

        pickle.Get(memo.NumpyModule);
        pickle.StrMemo("dtype");
        pickle.Op(0x93); // STACK_GLOBAL
        pickle.Memoize();
        pickle.StrMemo("f4");
        pickle.BeginSave();
        pickle.Op(0x89); // NEWFALSE
        pickle.BeginSave();
        pickle.Op(0x88); // NEWTRUE
        pickle.Op(0x87); // TUPLE3
        pickle.Memoize();
        pickle.Op(0x52); // REDUCE
        memo.Dtype = pickle.Memoize();

        // (3, '<', None, None, None, -1, -1, 0)
        pickle.BeginSave();
        pickle.Op(0x28); // MARK
        pickle.Int(3);
        pickle.StrMemo("<");
        for (var i = 0; i < 3; i++)
        {
            pickle.BeginSave();
            pickle.Op(0x4E); // NONE
        }

        pickle.Int(-1);
        pickle.Int(-1);
        pickle.Int(0);
        pickle.Op(0x74); // TUPLE
        pickle.Memoize();
        pickle.Op(0x62); // BUILD
    }

    private static void WriteData(Stream stream, int k, long count)
    {
        const int ChunkFloats = 1 << 18; // 1 MiB
        var chunk = ArrayPool<float>.Shared.Rent(ChunkFloats);
        try
        {
            var phase = (int)((7L * k) % Period);
            for (long done = 0; done < count;)
            {
                var n = (int)Math.Min(ChunkFloats, count - done);
                for (var i = 0; i < n; i++)
                {
                    chunk[i] = (float)(phase - 1000) * 0.001f;
                    if (++phase == Period)
                    {
                        phase = 0;
                    }
                }

                stream.Write(MemoryMarshal.AsBytes(chunk.AsSpan(0, n)));
                done += n;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(chunk);
        }
    }

    private sealed class SharedMemo
    {
        public int? Reconstruct { get; set; }

        public int? Ndarray { get; set; }

        public int NumpyModule { get; set; }

        public int? OrderB { get; set; }

        public int? Dtype { get; set; }
    }
}
