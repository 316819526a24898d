using System.Buffers.Binary;
using System.Text;

namespace AtlasGuard.Formats.Tests.Safetensors;

/// <summary>Builds safetensors bytes by hand: the 8-byte length, the header text as given, then the buffer.</summary>
internal static class SafetensorsBuilder
{
    public static byte[] Build(string header, int bufferLength) => Build(Encoding.UTF8.GetBytes(header), new byte[bufferLength]);

    public static byte[] Build(byte[] header, byte[] buffer)
    {
        var file = new byte[8 + header.Length + buffer.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        buffer.CopyTo(file, 8 + header.Length);
        return file;
    }

    /// <summary>Two F32 tensors a [2,2] and b [3] tiling a 28-byte buffer, with format metadata.</summary>
    public const string Valid =
        """{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[3],"data_offsets":[16,28]}}""";

    public static byte[] ValidFile() => Build(Valid, 28);
}
