namespace AtlasGuard.Formats.Onnx;

/// <summary>Sizes of ONNX TensorProto.DataType elements.</summary>
public static class OnnxDataTypes
{
    /// <summary>
    /// Bytes needed for <paramref name="count"/> elements of <paramref name="dataType"/> in raw_data, or null
    /// when the type has no fixed size (strings, unknown types) or the size overflows.
    /// </summary>
    public static long? RawSize(int dataType, long count)
    {
        if (count < 0)
        {
            return null;
        }

        try
        {
            return dataType switch
            {
                1 or 6 or 12 => checked(count * 4),                     // FLOAT, INT32, UINT32
                2 or 3 or 9 or 17 or 18 or 19 or 20 or 24 => count,     // UINT8, INT8, BOOL, FLOAT8*, FLOAT8E8M0
                4 or 5 or 10 or 16 => checked(count * 2),               // UINT16, INT16, FLOAT16, BFLOAT16
                7 or 11 or 13 or 14 => checked(count * 8),              // INT64, DOUBLE, UINT64, COMPLEX64
                15 => checked(count * 16),                              // COMPLEX128
                21 or 22 or 23 => checked(count + 1) / 2,               // UINT4, INT4, FLOAT4E2M1
                25 or 26 => checked(count + 3) / 4,                     // UINT2, INT2
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>The product of <paramref name="dims"/>, or null when a dim is negative or the product overflows.</summary>
    public static long? ElementCount(IEnumerable<long> dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        long count = 1;
        foreach (var d in dims)
        {
            if (d < 0)
            {
                return null;
            }

            try
            {
                count = checked(count * d);
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return count;
    }
}
