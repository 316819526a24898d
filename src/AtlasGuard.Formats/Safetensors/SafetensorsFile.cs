using System.Collections.Immutable;

namespace AtlasGuard.Formats.Safetensors;

/// <summary>
/// The result of reading a safetensors header: what it declares and every problem found. Reading never
/// throws for bad input; a header that cannot be parsed leaves <see cref="HeaderParsed"/> false.
/// </summary>
public sealed record SafetensorsFile
{
    /// <summary>The file length when known.</summary>
    public long? FileLength { get; init; }

    /// <summary>The header length stated in the first 8 bytes (0 when the file is shorter than 8 bytes).</summary>
    public ulong DeclaredHeaderLength { get; init; }

    /// <summary>True when the header was read and parsed as a JSON object (its entries may still be invalid).</summary>
    public bool HeaderParsed { get; init; }

    /// <summary>Absolute offset of the byte buffer (8 + header length), when the header lies inside the file.</summary>
    public long? DataStart { get; init; }

    /// <summary>Length of the byte buffer (file length − 8 − header length), when the file length is known.</summary>
    public long? BufferLength { get; init; }

    /// <summary>The largest tensor end offset (relative to the buffer); 0 without tensors.</summary>
    public ulong DataEnd { get; init; }

    /// <summary>The well-formed tensor entries, in header order.</summary>
    public ImmutableArray<SafetensorsTensor> Tensors { get; init; } = [];

    /// <summary>The <c>__metadata__</c> entries in header order (non-string values rendered as raw JSON).</summary>
    public ImmutableArray<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>Everything wrong with the file, in the order found.</summary>
    public ImmutableArray<SafetensorsProblem> Problems { get; init; } = [];

    /// <summary>True when no problem was found.</summary>
    public bool IsValid => HeaderParsed && Problems.IsEmpty;
}
