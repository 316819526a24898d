using System.Collections.Immutable;

namespace AtlasGuard.Formats.Safetensors;

/// <summary>One tensor entry of a safetensors header, as declared (not necessarily consistent: see the file's problems).</summary>
public sealed record SafetensorsTensor
{
    /// <summary>The tensor name (the header key).</summary>
    public required string Name { get; init; }

    /// <summary>The dtype string as written, e.g. <c>F32</c>.</summary>
    public required string Dtype { get; init; }

    /// <summary>The declared shape.</summary>
    public required ImmutableArray<ulong> Shape { get; init; }

    /// <summary>Start of the data, relative to the start of the byte buffer.</summary>
    public required ulong Begin { get; init; }

    /// <summary>End of the data (exclusive), relative to the start of the byte buffer.</summary>
    public required ulong End { get; init; }

    /// <summary>The absolute file offset of the entry's key in the header.</summary>
    public required long HeaderOffset { get; init; }
}
