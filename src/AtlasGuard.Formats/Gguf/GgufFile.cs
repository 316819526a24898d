using System.Collections.Immutable;

namespace AtlasGuard.Formats.Gguf;

/// <summary>What <see cref="GgufParser"/> read from a GGUF file: header, metadata, tensor infos and any problems.</summary>
public sealed record GgufFile
{
    /// <summary>The format version (1, 2 or 3), or 0 when the header could not be read.</summary>
    public uint Version { get; init; }

    /// <summary>The tensor count the header declares.</summary>
    public ulong DeclaredTensorCount { get; init; }

    /// <summary>The metadata key/value count the header declares.</summary>
    public ulong DeclaredKeyValueCount { get; init; }

    /// <summary>The metadata entries read, in file order.</summary>
    public ImmutableArray<GgufMetadataEntry> Metadata { get; init; } = [];

    /// <summary>The tensor infos read, in file order.</summary>
    public ImmutableArray<GgufTensorInfo> Tensors { get; init; } = [];

    /// <summary>The data alignment (<c>general.alignment</c>, default 32).</summary>
    public uint Alignment { get; init; } = GgufParser.DefaultAlignment;

    /// <summary>Offset of the tensor data section, when the tensor infos were read to their end.</summary>
    public long? DataOffset { get; init; }

    /// <summary>Problems met, in the order found.</summary>
    public ImmutableArray<GgufProblem> Problems { get; init; } = [];

    /// <summary>True when the header, every metadata pair and every tensor info were read.</summary>
    public bool IsComplete { get; init; }
}
