using System.Text;

namespace AtlasGuard.Formats.Tests.Gguf;

/// <summary>Writes GGUF images for tests: header, typed metadata, tensor infos, aligned data.</summary>
internal sealed class GgufBuilder(uint version = 3)
{
    private readonly List<byte> _metadata = [];
    private readonly List<byte> _tensors = [];
    private int _kvCount;
    private int _tensorCount;

    public GgufBuilder String(string key, string value) => Kv(key, 8, w => WriteString(w, Encoding.UTF8.GetBytes(value)));

    public GgufBuilder UInt32(string key, uint value) => Kv(key, 4, w => w.Write(value));

    public GgufBuilder Bool(string key, byte value) => Kv(key, 7, w => w.Write(value));

    public GgufBuilder Float32(string key, float value) => Kv(key, 6, w => w.Write(value));

    public GgufBuilder Int64(string key, long value) => Kv(key, 11, w => w.Write(value));

    public GgufBuilder Raw(string key, uint type, byte[] payload) => Kv(key, type, w => w.Write(payload));

    public GgufBuilder StringArray(string key, IEnumerable<string> values)
    {
        var list = values.ToList();
        return Kv(key, 9, w =>
        {
            w.Write(8u);
            WriteLength(w, (ulong)list.Count);
            foreach (var v in list)
            {
                WriteString(w, Encoding.UTF8.GetBytes(v));
            }
        });
    }

    public GgufBuilder Float32Array(string key, int count) => Kv(key, 9, w =>
    {
        w.Write(6u);
        WriteLength(w, (ulong)count);
        for (var i = 0; i < count; i++)
        {
            w.Write(i * 0.5f);
        }
    });

    public GgufBuilder Tensor(string name, ulong[] dims, uint type, ulong offset)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true);
        WriteString(w, Encoding.UTF8.GetBytes(name));
        w.Write((uint)dims.Length);
        foreach (var d in dims)
        {
            WriteLength(w, d);
        }

        w.Write(type);
        w.Write(offset);
        w.Flush();
        _tensors.AddRange(ms.ToArray());
        _tensorCount++;
        return this;
    }

    public byte[] Build(int dataBytes = 0, uint alignment = 32)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write("GGUF"u8);
            w.Write(version);
            WriteLength(w, (ulong)_tensorCount);
            WriteLength(w, (ulong)_kvCount);
            w.Write([.. _metadata]);
            w.Write([.. _tensors]);
            while (ms.Length % alignment != 0)
            {
                w.Write((byte)0);
            }

            w.Write(new byte[dataBytes]);
        }

        return ms.ToArray();
    }

    private GgufBuilder Kv(string key, uint type, Action<BinaryWriter> value)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true);
        WriteString(w, Encoding.UTF8.GetBytes(key));
        w.Write(type);
        value(w);
        w.Flush();
        _metadata.AddRange(ms.ToArray());
        _kvCount++;
        return this;
    }

    private void WriteString(BinaryWriter w, byte[] bytes)
    {
        WriteLength(w, (ulong)bytes.Length);
        w.Write(bytes);
    }

    private void WriteLength(BinaryWriter w, ulong value)
    {
        if (version == 1)
        {
            w.Write((uint)value);
        }
        else
        {
            w.Write(value);
        }
    }
}
