using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace AtlasGuard.Formats.Gguf;

/// <summary>
/// Reads the header, metadata and tensor infos of a GGUF file (versions 1 to 3) from a forward-only stream.
/// Bounded: every count and length is checked against the bytes that remain and the limits in
/// <see cref="GgufParseOptions"/> before anything is read or allocated, and tensor data is never read, so the
/// time taken does not depend on the file's size. Never throws for malformed input: problems are collected and
/// parsing stops at the first structural one.
/// </summary>
public static class GgufParser
{
    /// <summary>The data alignment when <c>general.alignment</c> is absent.</summary>
    public const uint DefaultAlignment = 32;

    /// <summary>Most dimensions a ggml tensor has.</summary>
    public const uint MaxDimensions = 4;

    /// <summary>The four magic bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "GGUF"u8;

    /// <summary>Parses <paramref name="stream"/> from its current position. <paramref name="length"/> is the content length when known (a seekable stream's is used otherwise).</summary>
    public static GgufFile Parse(Stream stream, long? length = null, GgufParseOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (length is null && stream.CanSeek)
        {
            length = stream.Length - stream.Position;
        }

        var reader = new Reader(new GgufInput(stream, length), options ?? GgufParseOptions.Default, length, cancellationToken);
        return reader.Run();
    }

    /// <summary>Parses an in-memory GGUF image.</summary>
    public static GgufFile Parse(ReadOnlyMemory<byte> data, GgufParseOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var stream = MemoryMarshal.TryGetArray(data, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);
        return Parse(stream, data.Length, options, cancellationToken);
    }

    /// <summary>Whether <paramref name="type"/> is a value type GGUF defines.</summary>
    public static bool IsDefined(GgufValueType type) => (uint)type <= (uint)GgufValueType.Float64;

    private static int ScalarSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        _ => 0,
    };

    private sealed class Reader(GgufInput input, GgufParseOptions options, long? length, CancellationToken cancellationToken)
    {
        private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        private readonly List<GgufProblem> _problems = [];
        private readonly List<GgufMetadataEntry> _metadata = [];
        private readonly List<GgufTensorInfo> _tensors = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private uint _version;
        private ulong _tensorCount;
        private ulong _kvCount;
        private uint _alignment = DefaultAlignment;
        private long? _dataOffset;
        private bool _complete;
        private long _longestString;
        private bool _arrayUtf8Valid;

        private int LengthSize => _version == 1 ? 4 : 8;

        public GgufFile Run()
        {
            try
            {
                _complete = ReadHeader() && ReadMetadata() && ReadTensorInfos();
            }
            catch (IOException ex)
            {
                Problem(GgufProblemKind.Truncated, "Reading failed: " + ex.Message);
            }

            return new GgufFile
            {
                Version = _version,
                DeclaredTensorCount = _tensorCount,
                DeclaredKeyValueCount = _kvCount,
                Metadata = [.. _metadata],
                Tensors = [.. _tensors],
                Alignment = _alignment,
                DataOffset = _dataOffset,
                Problems = [.. _problems],
                IsComplete = _complete,
            };
        }

        private bool ReadHeader()
        {
            if (!input.Ensure(4) || !input.Buffered(4).SequenceEqual(Magic))
            {
                return Problem(GgufProblemKind.InvalidMagic, "The content does not start with the GGUF magic.");
            }

            input.Advance(4);
            if (!input.TryReadU32(out _version))
            {
                return Truncated("version");
            }

            if (_version is 0 or > 3)
            {
                var v = _version;
                _version = 0;
                return Problem(GgufProblemKind.UnsupportedVersion, $"GGUF version {v} is not 1, 2 or 3.");
            }

            if (!TryReadLength(out _tensorCount) || !TryReadLength(out _kvCount))
            {
                return Truncated("header counts");
            }

            // A key/value pair takes at least a key length, a type and a one-byte value; a tensor info at least a name
            // length, a dimension count, a type and an offset.
            if (!Fits(_kvCount, (ulong)(LengthSize + 4 + 1), "metadata key/value count", options.MaxKeyValueCount))
            {
                return false;
            }

            return Fits(_tensorCount, (ulong)(LengthSize + 4 + 4 + 8), "tensor count", options.MaxTensorCount);
        }

        private bool ReadMetadata()
        {
            for (ulong i = 0; i < _kvCount; i++)
            {
                if ((i & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var offset = input.Position;
                if (!TryReadKey(out var key))
                {
                    return false;
                }

                if (!input.TryReadU32(out var rawType))
                {
                    return Truncated("value type", key);
                }

                var type = (GgufValueType)rawType;
                if (!IsDefined(type))
                {
                    return Problem(GgufProblemKind.InvalidType, $"Metadata value type {rawType} is not a GGUF type.", key, input.Position - 4);
                }

                var valueOffset = input.Position;
                _longestString = 0;
                _arrayUtf8Valid = true;
                if (!TryReadValue(type, key, valueOffset, out var entry))
                {
                    return false;
                }

                if (!_keys.Add(key))
                {
                    Problem(GgufProblemKind.DuplicateKey, $"Metadata key '{Printable(key)}' occurs more than once.", key, offset);
                }

                _metadata.Add(entry with { Key = key, Offset = offset, ValueLength = input.Position - valueOffset, LongestString = _longestString });
                if (key == "general.alignment")
                {
                    CheckAlignment(entry, offset);
                }

                if (input.Position > options.MaxMetadataBytes)
                {
                    return Problem(GgufProblemKind.LimitExceeded,
                        $"The metadata is larger than the limit of {options.MaxMetadataBytes} bytes.", key);
                }
            }

            return true;
        }

        private void CheckAlignment(GgufMetadataEntry entry, long offset)
        {
            if (entry.Type == GgufValueType.UInt32 && entry.UnsignedValue is { } a and > 0 && (a & (a - 1)) == 0)
            {
                _alignment = (uint)a;
            }
            else
            {
                Problem(GgufProblemKind.InvalidValue, "general.alignment is not a power of two stored as UINT32.", "general.alignment", offset);
            }
        }

        private bool TryReadValue(GgufValueType type, string key, long valueOffset, out GgufMetadataEntry entry)
        {
            entry = new GgufMetadataEntry { Key = key, Type = type, Offset = 0, ValueOffset = valueOffset, ValueLength = 0 };
            switch (type)
            {
                case GgufValueType.String:
                    if (!TryReadString(key, keep: true, options.MaxStringLength, out var text, out var valid))
                    {
                        return false;
                    }

                    if (!valid)
                    {
                        Problem(GgufProblemKind.InvalidUtf8, $"The string value of '{Printable(key)}' is not valid UTF-8.", key, valueOffset);
                    }

                    entry = entry with { StringValue = text, IsValidUtf8 = valid };
                    return true;
                case GgufValueType.Array:
                    if (!TryReadArray(key, 1, out var elementType, out var count))
                    {
                        return false;
                    }

                    if (!_arrayUtf8Valid)
                    {
                        Problem(GgufProblemKind.InvalidUtf8, $"The string array '{Printable(key)}' holds strings that are not valid UTF-8.", key, valueOffset);
                    }

                    entry = entry with { ElementType = elementType, ArrayLength = count, IsValidUtf8 = _arrayUtf8Valid };
                    return true;
                default:
                    return TryReadScalar(type, key, ref entry);
            }
        }

        private bool TryReadScalar(GgufValueType type, string key, ref GgufMetadataEntry entry)
        {
            var size = ScalarSize(type);
            if (!input.Ensure(size))
            {
                return Truncated("value", key);
            }

            var b = input.Buffered(size);
            entry = type switch
            {
                GgufValueType.UInt8 or GgufValueType.Bool => entry with { UnsignedValue = b[0] },
                GgufValueType.Int8 => entry with { SignedValue = (sbyte)b[0] },
                GgufValueType.UInt16 => entry with { UnsignedValue = BinaryPrimitives.ReadUInt16LittleEndian(b) },
                GgufValueType.Int16 => entry with { SignedValue = BinaryPrimitives.ReadInt16LittleEndian(b) },
                GgufValueType.UInt32 => entry with { UnsignedValue = BinaryPrimitives.ReadUInt32LittleEndian(b) },
                GgufValueType.Int32 => entry with { SignedValue = BinaryPrimitives.ReadInt32LittleEndian(b) },
                GgufValueType.Float32 => entry with { FloatValue = BinaryPrimitives.ReadSingleLittleEndian(b) },
                GgufValueType.UInt64 => entry with { UnsignedValue = BinaryPrimitives.ReadUInt64LittleEndian(b) },
                GgufValueType.Int64 => entry with { SignedValue = BinaryPrimitives.ReadInt64LittleEndian(b) },
                _ => entry with { FloatValue = BinaryPrimitives.ReadDoubleLittleEndian(b) },
            };
            if (type == GgufValueType.Bool && b[0] > 1)
            {
                Problem(GgufProblemKind.InvalidValue, $"Boolean '{Printable(key)}' has the value {b[0]}.", key);
            }

            input.Advance(size);
            return true;
        }

        private bool TryReadArray(string key, int depth, out GgufValueType elementType, out ulong count)
        {
            elementType = default;
            count = 0;
            if (depth > options.MaxArrayDepth)
            {
                return Problem(GgufProblemKind.LimitExceeded, $"Arrays in '{Printable(key)}' nest deeper than {options.MaxArrayDepth} levels.", key);
            }

            if (!input.TryReadU32(out var rawType))
            {
                return Truncated("array element type", key);
            }

            elementType = (GgufValueType)rawType;
            if (!IsDefined(elementType))
            {
                return Problem(GgufProblemKind.InvalidType, $"Array '{Printable(key)}' has element type {rawType}, which is not a GGUF type.", key, input.Position - 4);
            }

            if (!TryReadLength(out count))
            {
                return Truncated("array length", key);
            }

            var minSize = elementType switch
            {
                GgufValueType.String => (ulong)LengthSize,
                GgufValueType.Array => (ulong)(4 + LengthSize),
                _ => (ulong)ScalarSize(elementType),
            };
            var budget = (ulong)Math.Max(0, options.MaxMetadataBytes - input.Position);
            if (!Fits(count, minSize, $"element count of '{Printable(key)}'", ulong.MaxValue, key) || !FitsBudget(count, minSize, budget, key))
            {
                return false;
            }

            switch (elementType)
            {
                case GgufValueType.String:
                    for (ulong i = 0; i < count; i++)
                    {
                        if ((i & 0xFFFF) == 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                        }

                        if (!TryReadString(key, keep: false, options.MaxStringLength, out _, out var valid))
                        {
                            return false;
                        }

                        _arrayUtf8Valid &= valid;
                    }

                    return true;
                case GgufValueType.Array:
                    for (ulong i = 0; i < count; i++)
                    {
                        if (!TryReadArray(key, depth + 1, out _, out _))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return input.TrySkip((long)(count * minSize)) || Truncated("array data", key);
            }
        }

        private bool FitsBudget(ulong count, ulong minSize, ulong budget, string key)
        {
            if (minSize > 0 && count > budget / minSize)
            {
                return Problem(GgufProblemKind.LimitExceeded,
                    $"Array '{Printable(key)}' of {count} elements would exceed the metadata limit of {options.MaxMetadataBytes} bytes.", key);
            }

            return true;
        }

        private bool TryReadKey(out string key)
        {
            key = string.Empty;
            var offset = input.Position;
            if (!TryReadString(null, keep: true, options.MaxKeyLength, out key, out var valid))
            {
                return false;
            }

            if (!valid)
            {
                Problem(GgufProblemKind.InvalidUtf8, $"Metadata key '{Printable(key)}' is not valid UTF-8.", key, offset);
            }

            return true;
        }

        private bool TryReadString(string? key, bool keep, long maxLength, out string text, out bool valid)
        {
            text = string.Empty;
            valid = true;
            var what = key is null ? "metadata key" : $"string in '{Printable(key)}'";
            var offset = input.Position;
            if (!TryReadLength(out var length))
            {
                return Truncated(key is null ? "key length" : "string length", key);
            }

            if (!input.MayHave(length))
            {
                return Problem(GgufProblemKind.CountBeyondContent,
                    $"The {what} declares {length} bytes but only {input.Remaining} remain.", key, offset);
            }

            if (length > (ulong)maxLength)
            {
                return Problem(GgufProblemKind.LimitExceeded, $"The {what} declares {length} bytes, above the limit of {maxLength}.", key, offset);
            }

            var n = (int)length;
            _longestString = Math.Max(_longestString, n);
            if (n <= GgufInput.MaxEnsure)
            {
                if (!input.Ensure(n))
                {
                    return Truncated(what, key);
                }

                var span = input.Buffered(n);
                valid = System.Text.Unicode.Utf8.IsValid(span);
                if (keep)
                {
                    text = Lenient.GetString(span);
                }

                input.Advance(n);
                return true;
            }

            var bytes = new byte[n];
            if (!input.TryRead(bytes))
            {
                return Truncated(what, key);
            }

            valid = System.Text.Unicode.Utf8.IsValid(bytes);
            if (keep)
            {
                text = Lenient.GetString(bytes);
            }

            return true;
        }

        private bool ReadTensorInfos()
        {
            for (ulong i = 0; i < _tensorCount; i++)
            {
                if ((i & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var offset = input.Position;
                if (!TryReadString("tensor name", keep: true, options.MaxKeyLength, out var name, out var valid))
                {
                    return false;
                }

                if (!valid)
                {
                    Problem(GgufProblemKind.InvalidUtf8, $"Tensor name '{Printable(name)}' is not valid UTF-8.", name, offset);
                }

                if (!input.TryReadU32(out var dimensionCount))
                {
                    return Truncated("tensor dimension count", name);
                }

                if (dimensionCount > MaxDimensions)
                {
                    return Problem(GgufProblemKind.InvalidValue, $"Tensor '{Printable(name)}' declares {dimensionCount} dimensions; ggml has at most {MaxDimensions}.", name, offset);
                }

                var dims = new ulong[dimensionCount];
                for (var d = 0; d < dims.Length; d++)
                {
                    if (!TryReadLength(out dims[d]))
                    {
                        return Truncated("tensor dimensions", name);
                    }
                }

                if (!input.TryReadU32(out var type) || !input.TryReadU64(out var dataOffset))
                {
                    return Truncated("tensor type and offset", name);
                }

                if (dataOffset % _alignment != 0)
                {
                    Problem(GgufProblemKind.TensorOutOfBounds, $"Tensor '{Printable(name)}' data offset {dataOffset} is not a multiple of the alignment {_alignment}.", name, offset);
                }

                _tensors.Add(new GgufTensorInfo(name, dims, type, dataOffset, offset));
            }

            var position = input.Position;
            var data = position + ((_alignment - (position % _alignment)) % _alignment);
            _dataOffset = data;
            if (length is { } total)
            {
                foreach (var t in _tensors.Where(t => t.DataOffset > (ulong)Math.Max(0, total - data)))
                {
                    Problem(GgufProblemKind.TensorOutOfBounds, $"Tensor '{Printable(t.Name)}' data starts at {t.DataOffset}, beyond the end of the file.", t.Name, t.InfoOffset);
                }
            }

            return true;
        }

        private bool TryReadLength(out ulong value)
        {
            if (_version == 1)
            {
                var ok = input.TryReadU32(out var v32);
                value = v32;
                return ok;
            }

            return input.TryReadU64(out value);
        }

        private bool Fits(ulong count, ulong minSize, string what, ulong limit, string? key = null)
        {
            if (input.Remaining is { } r && count > 0 && count > (ulong)r / minSize)
            {
                return Problem(GgufProblemKind.CountBeyondContent,
                    $"The {what} is {count}, more than the {r} remaining bytes can hold.", key, input.Position);
            }

            if (count > limit)
            {
                return Problem(GgufProblemKind.LimitExceeded, $"The {what} is {count}, above the limit of {limit}.", key, input.Position);
            }

            return true;
        }

        private bool Truncated(string what, string? key = null) =>
            Problem(GgufProblemKind.Truncated, $"The content ends inside the {what}.", key);

        private bool Problem(GgufProblemKind kind, string message, string? key = null, long? offset = null)
        {
            _problems.Add(new GgufProblem(kind, message, offset ?? input.Position, key is null ? null : Printable(key)));
            return false;
        }
    }

    /// <summary>Makes untrusted text safe to print: control characters escaped, at most <paramref name="max"/> characters.</summary>
    public static string Printable(string text, int max = 80)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(Math.Min(text.Length, max) + 8);
        foreach (var c in text)
        {
            if (sb.Length >= max)
            {
                sb.Append('…');
                break;
            }

            if (char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c))
            {
                sb.Append(c == '\n' ? "\\n" : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
