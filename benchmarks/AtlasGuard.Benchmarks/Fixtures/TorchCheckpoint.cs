using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace AtlasGuard.Benchmarks.Fixtures;

/// <summary>
/// Writes a <c>torch.save(model.state_dict(), f)</c> checkpoint the way PyTorch's miniz-based
/// <c>PyTorchStreamWriter</c> does: stored members with data descriptors (flags 0x0808, zeroed local CRC and sizes),
/// an <c>FB</c> extra field padding every member's data to 64 bytes, a ZIP64 end record, and the members
/// <c>archive/data.pkl</c>, <c>archive/byteorder</c>, <c>archive/data/N</c>, <c>archive/version</c> and
/// <c>archive/.data/serialization_id</c>. The state dict holds an embedding whose storage (<c>archive/data/0</c>)
/// has the requested size plus a small linear head, so two checkpoints of different sizes have the same data.pkl
/// except for the embedding's row count and element count.
/// </summary>
internal static class TorchCheckpoint
{
    private const int Alignment = 64;
    private const int Columns = 4096;
    private const int HeadRows = 16;

    public static void Write(string path, long embeddingBytes)
    {
        var rowBytes = Columns * sizeof(float);
        if (embeddingBytes <= 0 || embeddingBytes % rowBytes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(embeddingBytes), $"must be a positive multiple of {rowBytes}");
        }

        var rows = embeddingBytes / rowBytes;
        using var file = FixtureFile.Create(path);
        var zip = new ZipWriter(file.Stream);
        zip.Add("archive/data.pkl", DataPickle(rows));
        zip.Add("archive/byteorder", "little"u8.ToArray());
        zip.Add("archive/data/0", embeddingBytes, stream => WriteFloats(stream, embeddingBytes / sizeof(float), seed: 1));
        zip.Add("archive/data/1", HeadRows * Columns * sizeof(float),
            stream => WriteFloats(stream, HeadRows * Columns, seed: 2));
        zip.Add("archive/data/2", HeadRows * sizeof(float), stream => WriteFloats(stream, HeadRows, seed: 3));
        zip.Add("archive/version", "3\n"u8.ToArray());
        zip.Add("archive/.data/serialization_id", "1029384756102938475610293847561029384756"u8.ToArray());
        zip.Finish();
        file.Commit();
    }

    /// <summary>The state dict pickle (protocol 2, as torch.save writes it).</summary>
    public static byte[] DataPickle(long embeddingRows)
    {
        using var buffer = new MemoryStream();
        using (var pickle = new PickleWriter(buffer, protocol: 2))
        {
            pickle.Proto();
            var orderedDict = pickle.Global("collections", "OrderedDict");
            pickle.Op(0x29); // EMPTY_TUPLE
            pickle.Op(0x52); // REDUCE
            pickle.Memoize();
            pickle.Op(0x28); // MARK
            var shared = new TensorMemo(orderedDict);
            Tensor(pickle, shared, "embed.weight", "0", [embeddingRows, Columns]);
            Tensor(pickle, shared, "head.weight", "1", [HeadRows, Columns]);
            Tensor(pickle, shared, "head.bias", "2", [HeadRows]);
            pickle.Op(0x75); // SETITEMS

            // state: {'_metadata': OrderedDict([('', {'version': 1}), ('embed', ...), ('head', ...)])}
            pickle.Op(0x7D); // EMPTY_DICT
            pickle.Memoize();
            pickle.StrMemo("_metadata");
            pickle.Get(orderedDict);
            pickle.Op(0x29); // EMPTY_TUPLE
            pickle.Op(0x52); // REDUCE
            pickle.Memoize();
            pickle.Op(0x28); // MARK
            var version = -1;
            foreach (var module in new[] { "", "embed", "head" })
            {
                pickle.StrMemo(module);
                pickle.Op(0x7D); // EMPTY_DICT
                pickle.Memoize();
                if (version < 0)
                {
                    version = pickle.StrMemo("version");
                }
                else
                {
                    pickle.Get(version);
                }

                pickle.Int(1);
                pickle.Op(0x73); // SETITEM
            }

            pickle.Op(0x75); // SETITEMS
            pickle.Op(0x73); // SETITEM
            pickle.Op(0x62); // BUILD
            pickle.Stop();
        }

        return buffer.ToArray();
    }

    /// <summary>torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict()).</summary>
    private static void Tensor(PickleWriter pickle, TensorMemo memo, string key, string storageKey, long[] shape)
    {
        pickle.StrMemo(key);
        memo.Rebuild = Shared(pickle, memo.Rebuild, p => p.Global("torch._utils", "_rebuild_tensor_v2"));
        pickle.Op(0x28); // MARK
        pickle.Op(0x28); // MARK: the persistent id ('storage', torch.FloatStorage, key, 'cpu', numel)
        memo.Storage = Shared(pickle, memo.Storage, p => p.StrMemo("storage"));
        memo.FloatStorage = Shared(pickle, memo.FloatStorage, p => p.Global("torch", "FloatStorage"));
        pickle.StrMemo(storageKey);
        memo.Cpu = Shared(pickle, memo.Cpu, p => p.StrMemo("cpu"));
        pickle.Int(checked((int)shape.Aggregate(1L, (a, b) => a * b)));
        pickle.Op(0x74); // TUPLE
        pickle.Memoize();
        pickle.Op(0x51); // BINPERSID
        pickle.Int(0);
        SmallTuple(pickle, shape);
        var stride = new long[shape.Length];
        stride[^1] = 1;
        for (var i = shape.Length - 2; i >= 0; i--)
        {
            stride[i] = stride[i + 1] * shape[i + 1];
        }

        SmallTuple(pickle, stride);
        pickle.Op(0x89); // NEWFALSE
        pickle.Get(memo.OrderedDict);
        pickle.Op(0x29); // EMPTY_TUPLE
        pickle.Op(0x52); // REDUCE
        pickle.Memoize();
        pickle.Op(0x74); // TUPLE
        pickle.Memoize();
        pickle.Op(0x52); // REDUCE
        pickle.Memoize();
    }

    private static int Shared(PickleWriter pickle, int memo, Func<PickleWriter, int> first)
    {
        if (memo >= 0)
        {
            pickle.Get(memo);
            return memo;
        }

        return first(pickle);
    }

    private static void SmallTuple(PickleWriter pickle, long[] items)
    {
        foreach (var item in items)
        {
            pickle.Int(checked((int)item));
        }

        pickle.Op(items.Length == 1 ? (byte)0x85 : (byte)0x86); // TUPLE1 / TUPLE2
        pickle.Memoize();
    }

    private static void WriteFloats(Stream stream, long count, int seed)
    {
        const int ChunkFloats = 1 << 20; // 4 MiB
        var chunk = ArrayPool<float>.Shared.Rent(ChunkFloats);
        try
        {
            // A fixed pseudo-random block repeated: real bytes on disk (not a sparse hole), cheap to produce.
            var state = (uint)(seed * 2654435761u) | 1;
            for (var i = 0; i < ChunkFloats; i++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                chunk[i] = ((state & 0xFFFFFF) / (float)0x1000000) - 0.5f;
            }

            for (long done = 0; done < count;)
            {
                var n = (int)Math.Min(ChunkFloats, count - done);
                stream.Write(MemoryMarshal.AsBytes(chunk.AsSpan(0, n)));
                done += n;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(chunk);
        }
    }

    private sealed class TensorMemo(int orderedDict)
    {
        public int OrderedDict { get; } = orderedDict;

        public int Rebuild { get; set; } = -1;

        public int Storage { get; set; } = -1;

        public int FloatStorage { get; set; } = -1;

        public int Cpu { get; set; } = -1;
    }

    /// <summary>The subset of miniz's writer that torch uses: stored members, data descriptors, 64-byte alignment.</summary>
    private sealed class ZipWriter(FileStream output)
    {
        private readonly List<(string Name, uint Crc, long Size, long Offset)> _entries = [];

        public void Add(string name, byte[] data) => Add(name, data.Length, stream => stream.Write(data));

        public void Add(string name, long size, Action<Stream> writeData)
        {
            var offset = output.Position;
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var start = offset + 30 + nameBytes.Length + 4;
            var padding = (int)((Alignment - (start % Alignment)) % Alignment);
            Span<byte> header = stackalloc byte[30];
            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034B50);
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 0x0808); // data descriptor + UTF-8
            BinaryPrimitives.WriteUInt16LittleEndian(header[26..], (ushort)nameBytes.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)(padding + 4));
            output.Write(header);
            output.Write(nameBytes);
            Span<byte> extra = stackalloc byte[4 + Alignment];
            extra[0] = (byte)'F';
            extra[1] = (byte)'B';
            BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)padding);
            extra[4..].Fill((byte)'Z');
            output.Write(extra[..(4 + padding)]);

            using var crc = new CrcStream(output);
            writeData(crc);
            if (crc.Length != size)
            {
                throw new InvalidOperationException($"{name}: wrote {crc.Length} bytes instead of {size}");
            }

            if (size >= uint.MaxValue || offset >= uint.MaxValue)
            {
                throw new NotSupportedException("members of 4 GiB or more need ZIP64 fields, which this writer does not emit");
            }

            Span<byte> descriptor = stackalloc byte[16];
            BinaryPrimitives.WriteUInt32LittleEndian(descriptor, 0x08074B50);
            BinaryPrimitives.WriteUInt32LittleEndian(descriptor[4..], crc.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(descriptor[8..], (uint)size);
            BinaryPrimitives.WriteUInt32LittleEndian(descriptor[12..], (uint)size);
            output.Write(descriptor);
            _entries.Add((name, crc.Crc, size, offset));
        }

        public void Finish()
        {
            var directoryOffset = output.Position;
            Span<byte> record = stackalloc byte[46];
            foreach (var (name, crc, size, offset) in _entries)
            {
                var nameBytes = Encoding.UTF8.GetBytes(name);
                record.Clear();
                BinaryPrimitives.WriteUInt32LittleEndian(record, 0x02014B50);
                BinaryPrimitives.WriteUInt16LittleEndian(record[8..], 0x0808);
                BinaryPrimitives.WriteUInt32LittleEndian(record[16..], crc);
                BinaryPrimitives.WriteUInt32LittleEndian(record[20..], (uint)size);
                BinaryPrimitives.WriteUInt32LittleEndian(record[24..], (uint)size);
                BinaryPrimitives.WriteUInt16LittleEndian(record[28..], (ushort)nameBytes.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(record[42..], (uint)offset);
                output.Write(record);
                output.Write(nameBytes);
            }

            var directorySize = output.Position - directoryOffset;
            var zip64Offset = output.Position;
            Span<byte> end = stackalloc byte[56 + 20 + 22];
            end.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06064B50); // ZIP64 end of central directory
            BinaryPrimitives.WriteUInt64LittleEndian(end[4..], 44);
            BinaryPrimitives.WriteUInt16LittleEndian(end[12..], 0x031E);
            BinaryPrimitives.WriteUInt16LittleEndian(end[14..], 0x2D);
            BinaryPrimitives.WriteUInt64LittleEndian(end[24..], (ulong)_entries.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(end[32..], (ulong)_entries.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(end[40..], (ulong)directorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(end[48..], (ulong)directoryOffset);
            var locator = end[56..];
            BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064B50);
            BinaryPrimitives.WriteUInt64LittleEndian(locator[8..], (ulong)zip64Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1);
            var eocd = end[76..];
            BinaryPrimitives.WriteUInt32LittleEndian(eocd, 0x06054B50);
            BinaryPrimitives.WriteUInt16LittleEndian(eocd[8..], (ushort)_entries.Count);
            BinaryPrimitives.WriteUInt16LittleEndian(eocd[10..], (ushort)_entries.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(eocd[12..], (uint)directorySize);
            BinaryPrimitives.WriteUInt32LittleEndian(eocd[16..], (uint)Math.Min(directoryOffset, uint.MaxValue));
            output.Write(end);
            output.Flush();
        }
    }

    /// <summary>Passes writes through and keeps their CRC-32 and length.</summary>
    private sealed class CrcStream(Stream inner) : Stream
    {
        private long _length;

        public uint Crc { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Crc = Crc32.Append(Crc, buffer);
            _length += buffer.Length;
            inner.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
