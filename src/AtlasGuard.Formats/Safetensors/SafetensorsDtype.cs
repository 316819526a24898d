namespace AtlasGuard.Formats.Safetensors;

/// <summary>The dtypes of the safetensors format and their sizes in bits.</summary>
public static class SafetensorsDtype
{
    /// <summary>The size of one element in bits, or 0 for a dtype the format does not define.</summary>
    public static int BitSize(string dtype) => dtype switch
    {
        "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" or "F8_E8M0" => 8,
        "I16" or "U16" or "F16" or "BF16" => 16,
        "I32" or "U32" or "F32" => 32,
        "I64" or "U64" or "F64" or "C64" => 64,
        "F4" => 4,
        "F6_E2M3" or "F6_E3M2" => 6,
        _ => 0,
    };

    /// <summary>
    /// The byte size of a tensor of <paramref name="dtype"/> with <paramref name="shape"/>, or null when the dtype
    /// is unknown, the size overflows, or a sub-byte dtype does not fill whole bytes.
    /// </summary>
    public static ulong? ByteSize(string dtype, ReadOnlySpan<ulong> shape)
    {
        var bits = BitSize(dtype);
        if (bits == 0)
        {
            return null;
        }

        if (shape.Contains(0UL))
        {
            return 0;
        }

        UInt128 count = 1;
        foreach (var d in shape)
        {
            count *= d;
            if (count > ulong.MaxValue)
            {
                return null;
            }
        }

        var totalBits = count * (uint)bits;
        return totalBits % 8 != 0 || totalBits / 8 > ulong.MaxValue ? null : (ulong)(totalBits / 8);
    }
}
