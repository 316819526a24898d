using System.Buffers.Binary;
using System.Text;
using AtlasGuard.Formats.Pickle;

namespace AtlasGuard.Formats.Tests.Pickle;

/// <summary>Assembles pickle bytes by hand (test only; nothing is ever loaded).</summary>
internal sealed class PickleBuilder
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public PickleBuilder Op(PickleOpcode opcode)
    {
        _bytes.Add((byte)opcode);
        return this;
    }

    public PickleBuilder Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public PickleBuilder Ascii(string text) => Raw(Encoding.Latin1.GetBytes(text));

    public PickleBuilder Proto(byte version) => Op(PickleOpcode.Proto).Raw(version);

    public PickleBuilder Global(string module, string name) => Op(PickleOpcode.Global).Ascii($"{module}\n{name}\n");

    public PickleBuilder Unicode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length < 256
            ? Op(PickleOpcode.ShortBinUnicode).Raw((byte)bytes.Length).Raw(bytes)
            : Op(PickleOpcode.BinUnicode).UInt32((uint)bytes.Length).Raw(bytes);
    }

    public PickleBuilder String(string text) => Op(PickleOpcode.String).Ascii($"'{text}'\n");

    public PickleBuilder BinString(string text) => Op(PickleOpcode.BinString).UInt32((uint)text.Length).Ascii(text);

    public PickleBuilder ShortBinString(string text) => Op(PickleOpcode.ShortBinString).Raw((byte)text.Length).Ascii(text);

    public PickleBuilder Int1(byte value) => Op(PickleOpcode.BinInt1).Raw(value);

    public PickleBuilder Put(byte key) => Op(PickleOpcode.BinPut).Raw(key);

    public PickleBuilder Get(byte key) => Op(PickleOpcode.BinGet).Raw(key);

    public PickleBuilder Frame(long length) => Op(PickleOpcode.Frame).UInt64((ulong)length);

    public PickleBuilder UInt32(uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        return Raw(buffer.ToArray());
    }

    public PickleBuilder UInt64(ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        return Raw(buffer.ToArray());
    }

    /// <summary>GLOBAL module.name, a one-string argument tuple, REDUCE.</summary>
    public PickleBuilder CallWithString(string module, string name, string argument) =>
        Global(module, name).Unicode(argument).Op(PickleOpcode.Tuple1).Op(PickleOpcode.Reduce);

    public PickleBuilder Stop() => Op(PickleOpcode.Stop);

    public byte[] ToArray() => [.. _bytes];

    public static PickleBuilder Protocol(byte version) => new PickleBuilder().Proto(version);
}
