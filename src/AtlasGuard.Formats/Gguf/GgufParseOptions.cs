namespace AtlasGuard.Formats.Gguf;

/// <summary>Limits for <see cref="GgufParser"/>. Every count and length in the file is checked against these and against the bytes that remain.</summary>
public sealed record GgufParseOptions
{
    /// <summary>The defaults.</summary>
    public static GgufParseOptions Default { get; } = new();

    /// <summary>Most metadata key/value pairs accepted (1,048,576).</summary>
    public ulong MaxKeyValueCount { get; init; } = 1UL << 20;

    /// <summary>Most tensor infos accepted (1,048,576).</summary>
    public ulong MaxTensorCount { get; init; } = 1UL << 20;

    /// <summary>Most bytes of header plus metadata accepted (64 MiB).</summary>
    public long MaxMetadataBytes { get; init; } = 64L << 20;

    /// <summary>Longest single string accepted (16 MiB).</summary>
    public long MaxStringLength { get; init; } = 16L << 20;

    /// <summary>Longest key accepted (64 KiB; ggml keys are short ASCII names).</summary>
    public int MaxKeyLength { get; init; } = 1 << 16;

    /// <summary>Deepest array nesting accepted (an array of arrays is depth 2).</summary>
    public int MaxArrayDepth { get; init; } = 4;
}
