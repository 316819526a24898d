namespace AtlasGuard.Formats.Gguf;

/// <summary>The metadata value types of the GGUF format (<c>gguf_type</c> in ggml).</summary>
public enum GgufValueType : uint
{
    /// <summary>8-bit unsigned integer.</summary>
    UInt8 = 0,

    /// <summary>8-bit signed integer.</summary>
    Int8 = 1,

    /// <summary>16-bit unsigned integer.</summary>
    UInt16 = 2,

    /// <summary>16-bit signed integer.</summary>
    Int16 = 3,

    /// <summary>32-bit unsigned integer.</summary>
    UInt32 = 4,

    /// <summary>32-bit signed integer.</summary>
    Int32 = 5,

    /// <summary>32-bit IEEE float.</summary>
    Float32 = 6,

    /// <summary>Boolean stored in one byte (0 or 1).</summary>
    Bool = 7,

    /// <summary>Length-prefixed UTF-8 string (u64 length from version 2, u32 in version 1).</summary>
    String = 8,

    /// <summary>Array: element type, element count, elements (arrays may nest).</summary>
    Array = 9,

    /// <summary>64-bit unsigned integer.</summary>
    UInt64 = 10,

    /// <summary>64-bit signed integer.</summary>
    Int64 = 11,

    /// <summary>64-bit IEEE float.</summary>
    Float64 = 12,
}

/// <summary>What kind of problem the GGUF parser met.</summary>
public enum GgufProblemKind
{
    /// <summary>The content does not start with the <c>GGUF</c> magic.</summary>
    InvalidMagic = 0,

    /// <summary>A version other than 1, 2 or 3.</summary>
    UnsupportedVersion,

    /// <summary>The content ends before a structure it declares.</summary>
    Truncated,

    /// <summary>A count or length that the remaining bytes cannot possibly hold.</summary>
    CountBeyondContent,

    /// <summary>A count, length, nesting depth or total size above the parser's limits.</summary>
    LimitExceeded,

    /// <summary>A value type id that GGUF does not define.</summary>
    InvalidType,

    /// <summary>A key or string value that is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A value out of its domain: a boolean other than 0/1, a non-power-of-two alignment, too many tensor dimensions.</summary>
    InvalidValue,

    /// <summary>The same metadata key twice (llama.cpp refuses such files; other readers keep the first or the last).</summary>
    DuplicateKey,

    /// <summary>A tensor whose data offset lies outside the file or is not aligned.</summary>
    TensorOutOfBounds,
}

/// <summary>A structured problem met while parsing GGUF. The parser collects these and never throws for bad input.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Message">A one-line description.</param>
/// <param name="Offset">The byte offset where it was found.</param>
/// <param name="Key">The metadata key or tensor name it concerns, when known (made printable).</param>
public sealed record GgufProblem(GgufProblemKind Kind, string Message, long Offset, string? Key = null);

/// <summary>One metadata key/value pair. Scalars and strings keep their value; arrays keep a summary only.</summary>
public sealed record GgufMetadataEntry
{
    /// <summary>The key (invalid UTF-8 replaced by U+FFFD).</summary>
    public required string Key { get; init; }

    /// <summary>The value type.</summary>
    public required GgufValueType Type { get; init; }

    /// <summary>Byte offset of the key's length field.</summary>
    public required long Offset { get; init; }

    /// <summary>Byte offset of the value (after the type field).</summary>
    public required long ValueOffset { get; init; }

    /// <summary>Number of bytes the value occupies.</summary>
    public required long ValueLength { get; init; }

    /// <summary>The text of a <see cref="GgufValueType.String"/> value (invalid UTF-8 replaced by U+FFFD).</summary>
    public string? StringValue { get; init; }

    /// <summary>Whether a string value (or every string in an array) is valid UTF-8.</summary>
    public bool IsValidUtf8 { get; init; } = true;

    /// <summary>The value of an unsigned integer or boolean (0/1).</summary>
    public ulong? UnsignedValue { get; init; }

    /// <summary>The value of a signed integer.</summary>
    public long? SignedValue { get; init; }

    /// <summary>The value of a float.</summary>
    public double? FloatValue { get; init; }

    /// <summary>The element type of an array (of the outermost array when nested).</summary>
    public GgufValueType? ElementType { get; init; }

    /// <summary>The element count of an array.</summary>
    public ulong ArrayLength { get; init; }

    /// <summary>The longest string in the value (the string itself, or the longest element of a string array), in bytes.</summary>
    public long LongestString { get; init; }
}

/// <summary>One tensor description from the tensor-info section (the tensor data itself is never read).</summary>
/// <param name="Name">The tensor name.</param>
/// <param name="Dimensions">The dimensions.</param>
/// <param name="GgmlType">The ggml element type id.</param>
/// <param name="DataOffset">Offset of the data relative to the start of the data section.</param>
/// <param name="InfoOffset">Byte offset of this tensor info in the file.</param>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<ulong> Dimensions, uint GgmlType, ulong DataOffset, long InfoOffset);
