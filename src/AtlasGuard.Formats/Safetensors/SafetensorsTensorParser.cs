using System.Collections.Immutable;
using System.Text.Json;

namespace AtlasGuard.Formats.Safetensors;

/// <summary>Reads one tensor entry: <c>{"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}</c>.</summary>
internal static class SafetensorsTensorParser
{
    /// <summary>Reads the entry the reader is on (its value token); returns null when it cannot be placed in the buffer.</summary>
    public static SafetensorsTensor? Read(ref Utf8JsonReader reader, string name, long at, ProblemList problems)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            problems.Add(SafetensorsProblemKind.InvalidTensorInfo, $"Tensor '{name}' is a {reader.TokenType}, not an object.", at, name);
            reader.Skip();
            return null;
        }

        string? dtype = null;
        ImmutableArray<ulong>? shape = null;
        ImmutableArray<ulong>? offsets = null;
        var shapeValid = true;
        var offsetsValid = true;
        var fields = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString()!;
            if (!fields.Add(field))
            {
                problems.Add(SafetensorsProblemKind.DuplicateKey, $"Tensor '{name}' has the field '{field}' more than once.",
                    8 + reader.TokenStartIndex, name);
            }

            reader.Read();
            switch (field)
            {
                case "dtype":
                    dtype = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (dtype is null)
                    {
                        reader.Skip();
                    }

                    break;
                case "shape":
                    shape = ReadIntegers(ref reader, out shapeValid);
                    break;
                case "data_offsets":
                    offsets = ReadIntegers(ref reader, out offsetsValid);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            problems.Add(SafetensorsProblemKind.InvalidTensorInfo,
                $"Tensor '{name}' lacks a string 'dtype', a 'shape' list or a 'data_offsets' pair.", at, name);
            return null;
        }

        if (!shapeValid)
        {
            problems.Add(SafetensorsProblemKind.InvalidShape, $"Tensor '{name}' has a shape that is not a list of non-negative integers.",
                at, name);
        }

        if (!offsetsValid || offsets.Value.Length != 2 || offsets.Value[0] > offsets.Value[1])
        {
            problems.Add(SafetensorsProblemKind.InvalidOffsets,
                $"Tensor '{name}' has data_offsets that are not two non-negative integers [begin, end] with begin <= end.", at, name);
            return null;
        }

        var begin = offsets.Value[0];
        var end = offsets.Value[1];
        if (SafetensorsDtype.BitSize(dtype) == 0)
        {
            problems.Add(SafetensorsProblemKind.UnknownDtype, $"Tensor '{name}' has the unknown dtype '{Printable(dtype)}'.", at, name);
        }
        else if (!shapeValid)
        {
            // Already reported; the size cannot be checked.
        }
        else if (SafetensorsDtype.ByteSize(dtype, shape.Value.AsSpan()) is not { } expected)
        {
            problems.Add(SafetensorsProblemKind.InvalidShape,
                $"Tensor '{name}' has a shape whose byte size overflows or does not fill whole bytes.", at, name);
        }
        else if (expected != end - begin)
        {
            problems.Add(SafetensorsProblemKind.SizeMismatch,
                $"Tensor '{name}' ({dtype} [{string.Join(", ", shape.Value)}]) needs {expected} bytes but its offsets span {end - begin}.",
                at, name);
        }

        return new SafetensorsTensor { Name = name, Dtype = dtype, Shape = shape.Value, Begin = begin, End = end, HeaderOffset = at };
    }

    private static ImmutableArray<ulong> ReadIntegers(ref Utf8JsonReader reader, out bool valid)
    {
        valid = true;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            valid = false;
            reader.Skip();
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<ulong>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var value))
            {
                if (builder.Count < 64)
                {
                    builder.Add(value);
                }
                else
                {
                    valid = false;
                }
            }
            else
            {
                valid = false;
                reader.Skip();
            }
        }

        return builder.ToImmutable();
    }

    internal static string Printable(string text)
    {
        var s = text.Length > 40 ? text[..40] + "…" : text;
        return string.Concat(s.Select(c => char.IsControl(c) ? '?' : c));
    }
}
