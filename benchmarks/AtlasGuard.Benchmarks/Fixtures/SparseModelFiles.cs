using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace AtlasGuard.Benchmarks.Fixtures;

/// <summary>
/// Large model files of the non-pickle formats: a valid header or metadata block written in full, then the file
/// extended with <see cref="Stream.SetLength"/>, so the weights are a sparse hole that takes no disk and reads as
/// zeros. The scanner is meant to read only the headers, so the content of the weights does not matter.
/// </summary>
internal static class SparseModelFiles
{
    /// <summary>safetensors: 320 F16 tensors of 4096 x 4096 (32 MiB each) with contiguous offsets, 10 GiB of data.</summary>
    public static void WriteSafetensors(string path, int tensors = 320, int rows = 4096, int cols = 4096)
    {
        var json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        long size = (long)rows * cols * 2;
        for (var i = 0; i < tensors; i++)
        {
            var name = $"model.layers.{i / 8}.{LayerParts[i % 8]}.weight";
            json.Append(CultureInfo.InvariantCulture,
                $",\"{name}\":{{\"dtype\":\"F16\",\"shape\":[{rows},{cols}],\"data_offsets\":[{offset},{offset + size}]}}");
            offset += size;
        }

        json.Append('}');
        while ((json.Length + 8) % 8 != 0)
        {
            json.Append(' ');
        }

        var header = Encoding.UTF8.GetBytes(json.ToString());
        using var file = FixtureFile.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        file.Stream.Write(length);
        file.Stream.Write(header);
        file.Stream.SetLength(8 + header.Length + offset);
        file.Commit();
    }

    private static readonly string[] LayerParts =
        ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj", "input_layernorm"];

    /// <summary>The ChatML template that Qwen-style models ship in tokenizer.chat_template.</summary>
    public const string ChatMlTemplate =
        "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
        + "{{ '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}{% endif %}"
        + "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    /// <summary>
    /// GGUF v3: llama-style metadata with a 32,000-token vocabulary (tokens, scores, token types), a ChatML chat
    /// template, and 256 F16 tensor infos of 4096 x 2048 (16 MiB each, offsets aligned to 32), then 4 GiB of data.
    /// Smaller <paramref name="rows"/> and <paramref name="cols"/> give the same metadata over less data.
    /// </summary>
    public static void WriteGguf(string path, int tensors = 256, int vocabulary = 32_000, long rows = 2048, long cols = 4096)
    {
        using var file = FixtureFile.Create(path);
        var w = new BinaryWriter(file.Stream, Encoding.UTF8, leaveOpen: true);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((ulong)tensors);
        const int kvCount = 15;
        w.Write((ulong)kvCount);

        void Key(string key, uint type)
        {
            GgufString(w, key);
            w.Write(type);
        }

        Key("general.architecture", 8); GgufString(w, "llama");
        Key("general.name", 8); GgufString(w, "AtlasGuard benchmark 2B");
        Key("general.alignment", 4); w.Write(32u);
        Key("general.file_type", 4); w.Write(1u);
        Key("llama.context_length", 4); w.Write(4096u);
        Key("llama.embedding_length", 4); w.Write(4096u);
        Key("llama.block_count", 4); w.Write((uint)(tensors / 8));
        Key("llama.attention.head_count", 4); w.Write(32u);
        Key("tokenizer.ggml.model", 8); GgufString(w, "llama");
        Key("tokenizer.ggml.tokens", 9); w.Write(8u); w.Write((ulong)vocabulary);
        for (var i = 0; i < vocabulary; i++)
        {
            GgufString(w, Token(i));
        }

        Key("tokenizer.ggml.scores", 9); w.Write(6u); w.Write((ulong)vocabulary);
        for (var i = 0; i < vocabulary; i++)
        {
            w.Write(-(float)i);
        }

        Key("tokenizer.ggml.token_type", 9); w.Write(5u); w.Write((ulong)vocabulary);
        for (var i = 0; i < vocabulary; i++)
        {
            w.Write(i < 3 ? 3 : i < 259 ? 6 : 1);
        }

        Key("tokenizer.ggml.bos_token_id", 4); w.Write(1u);
        Key("tokenizer.ggml.eos_token_id", 4); w.Write(2u);
        Key("tokenizer.chat_template", 8); GgufString(w, ChatMlTemplate);

        var size = rows * cols * 2;
        for (var i = 0; i < tensors; i++)
        {
            GgufString(w, $"blk.{i / 8}.{GgufParts[i % 8]}.weight");
            w.Write(2u);
            w.Write((ulong)cols);
            w.Write((ulong)rows);
            w.Write(1u); // GGML_TYPE_F16
            w.Write((ulong)(i * size));
        }

        w.Flush();
        var dataStart = (file.Stream.Position + 31) / 32 * 32;
        file.Stream.SetLength(dataStart + tensors * size);
        file.Commit();
    }

    private static readonly string[] GgufParts =
        ["attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down", "attn_norm"];

    private static string Token(int i) => i switch
    {
        0 => "<unk>",
        1 => "<s>",
        2 => "</s>",
        < 259 => $"<0x{i - 3:X2}>",
        _ => $"\u2581tok{i - 259}",
    };

    private static void GgufString(BinaryWriter w, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    /// <summary>
    /// ONNX with external data: <c>model.onnx</c> (a chain of MatMul nodes over 80 float32 initializers of
    /// 4096 x 4096, 64 MiB each, every one with data_location EXTERNAL and location/offset/length entries) and a
    /// sparse 5 GiB <c>model.onnx.data</c> beside it, in the folder <paramref name="directory"/>.
    /// </summary>
    public static void WriteOnnxExternal(string directory, int initializers = 80, int side = 4096)
    {
        Directory.CreateDirectory(directory);
        long size = (long)side * side * sizeof(float);
        var graph = new MemoryStream();
        for (var i = 0; i < initializers; i++)
        {
            var node = new MemoryStream();
            ProtoString(node, 1, i == 0 ? "input" : $"h{i}");
            ProtoString(node, 1, $"layers.{i}.weight");
            ProtoString(node, 2, i == initializers - 1 ? "output" : $"h{i + 1}");
            ProtoString(node, 3, $"/layers.{i}/MatMul");
            ProtoString(node, 4, "MatMul");
            ProtoBytes(graph, 1, node.ToArray());
        }

        ProtoString(graph, 2, "main_graph");
        for (var i = 0; i < initializers; i++)
        {
            var tensor = new MemoryStream();
            ProtoVarint(tensor, 1, (ulong)side);
            ProtoVarint(tensor, 1, (ulong)side);
            ProtoVarint(tensor, 2, 1); // FLOAT
            ProtoString(tensor, 8, $"layers.{i}.weight");
            ProtoBytes(tensor, 13, Entry("location", "model.onnx.data"));
            ProtoBytes(tensor, 13, Entry("offset", (i * size).ToString(CultureInfo.InvariantCulture)));
            ProtoBytes(tensor, 13, Entry("length", size.ToString(CultureInfo.InvariantCulture)));
            ProtoVarint(tensor, 14, 1); // EXTERNAL
            ProtoBytes(graph, 5, tensor.ToArray());
        }

        ProtoBytes(graph, 11, ValueInfo("input", side));
        ProtoBytes(graph, 12, ValueInfo("output", side));

        var model = new MemoryStream();
        ProtoVarint(model, 1, 8); // ir_version
        ProtoString(model, 2, "pytorch");
        ProtoString(model, 3, "2.1.0");
        ProtoBytes(model, 7, graph.ToArray());
        var opset = new MemoryStream();
        ProtoString(opset, 1, "");
        ProtoVarint(opset, 2, 17);
        ProtoBytes(model, 8, opset.ToArray());

        using (var data = FixtureFile.Create(Path.Combine(directory, "model.onnx.data")))
        {
            data.Stream.SetLength(initializers * size);
            data.Commit();
        }

        using var onnx = FixtureFile.Create(Path.Combine(directory, "model.onnx"));
        onnx.Stream.Write(model.ToArray());
        onnx.Commit();
    }

    private static byte[] Entry(string key, string value)
    {
        var entry = new MemoryStream();
        ProtoString(entry, 1, key);
        ProtoString(entry, 2, value);
        return entry.ToArray();
    }

    // ValueInfoProto { name = 1, type = 2 { tensor_type = 1 { elem_type = 1, shape = 2 { dim = 1 { dim_value = 1 } } } } }
    private static byte[] ValueInfo(string name, int side)
    {
        var shape = new MemoryStream();
        foreach (var dim in new[] { 1, side })
        {
            var d = new MemoryStream();
            ProtoVarint(d, 1, (ulong)dim);
            ProtoBytes(shape, 1, d.ToArray());
        }

        var tensorType = new MemoryStream();
        ProtoVarint(tensorType, 1, 1);
        ProtoBytes(tensorType, 2, shape.ToArray());
        var type = new MemoryStream();
        ProtoBytes(type, 1, tensorType.ToArray());
        var info = new MemoryStream();
        ProtoString(info, 1, name);
        ProtoBytes(info, 2, type.ToArray());
        return info.ToArray();
    }

    private static void ProtoVarint(Stream s, int field, ulong value)
    {
        RawVarint(s, (ulong)field << 3);
        RawVarint(s, value);
    }

    private static void ProtoString(Stream s, int field, string value) => ProtoBytes(s, field, Encoding.UTF8.GetBytes(value));

    private static void ProtoBytes(Stream s, int field, byte[] value)
    {
        RawVarint(s, ((ulong)field << 3) | 2);
        RawVarint(s, (ulong)value.Length);
        s.Write(value);
    }

    private static void RawVarint(Stream s, ulong value)
    {
        while (value >= 0x80)
        {
            s.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        s.WriteByte((byte)value);
    }
}
