namespace AtlasGuard.Formats.Tests.Protobuf;

/// <summary>Builds protobuf wire bytes for tests.</summary>
internal static class ProtoWriter
{
    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    public static byte[] Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    public static byte[] VarintField(int field, ulong value) => [.. Tag(field, 0), .. Varint(value)];

    public static byte[] Bytes(int field, params byte[] content) => [.. Tag(field, 2), .. Varint((ulong)content.Length), .. content];

    public static byte[] Str(int field, string text) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(text));
}
