using System.Collections.Immutable;

namespace AtlasGuard.Formats.Onnx;

/// <summary>What <see cref="OnnxModelReader"/> found in an ONNX ModelProto. Lists are capped by <see cref="OnnxReadOptions"/>.</summary>
public sealed record OnnxModel
{
    /// <summary>The ir_version field, when present.</summary>
    public long? IrVersion { get; init; }

    /// <summary>producer_name.</summary>
    public string? ProducerName { get; init; }

    /// <summary>producer_version.</summary>
    public string? ProducerVersion { get; init; }

    /// <summary>Whether a graph field was present.</summary>
    public bool HasGraph { get; init; }

    /// <summary>The opset_import entries.</summary>
    public ImmutableArray<OnnxOpset> Opsets { get; init; } = [];

    /// <summary>Every node of the main graph, nested subgraphs, training graphs and model-local functions.</summary>
    public ImmutableArray<OnnxNode> Nodes { get; init; } = [];

    /// <summary>Every distinct (domain, op_type) used by any node, with a count; kept even past <see cref="OnnxReadOptions.MaxNodes"/>.</summary>
    public ImmutableArray<OnnxOperatorUse> Operators { get; init; } = [];

    /// <summary>Every tensor: initializers, sparse initializer values and indices, and tensors in node attributes.</summary>
    public ImmutableArray<OnnxTensor> Tensors { get; init; } = [];

    /// <summary>The model-local functions, as (domain, name).</summary>
    public ImmutableArray<OnnxFunctionId> Functions { get; init; } = [];

    /// <summary>metadata_props key/value pairs.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>Everything that went wrong or was capped, in the order found.</summary>
    public ImmutableArray<OnnxProblem> Problems { get; init; } = [];

    /// <summary>Whether the whole file was read as a well-formed ModelProto (no fatal problem).</summary>
    public bool IsComplete => !Problems.Any(p => p.IsFatal);
}

/// <summary>An opset_import entry.</summary>
/// <param name="Domain">The operator domain ("" is the default ai.onnx domain).</param>
/// <param name="Version">The opset version.</param>
public sealed record OnnxOpset(string Domain, long Version);

/// <summary>A model-local function's identity.</summary>
/// <param name="Domain">Its domain.</param>
/// <param name="Name">Its name (the op_type nodes use to call it).</param>
public sealed record OnnxFunctionId(string Domain, string Name);

/// <summary>A node (operator call).</summary>
/// <param name="OpType">op_type.</param>
/// <param name="Domain">domain ("" for the default domain).</param>
/// <param name="Name">The node name, possibly empty.</param>
/// <param name="GraphPath">Where the node lives, e.g. "graph" or "graph/if_node.then_branch" or "function:com.x/F".</param>
/// <param name="Offset">Byte offset of the node message.</param>
public sealed record OnnxNode(string OpType, string Domain, string Name, string GraphPath, long Offset);

/// <summary>How often one operator is used.</summary>
/// <param name="Domain">The operator domain.</param>
/// <param name="OpType">op_type.</param>
/// <param name="Count">How many nodes use it.</param>
/// <param name="FirstOffset">Byte offset of the first such node.</param>
/// <param name="FirstGraphPath">The graph path of the first such node.</param>
public sealed record OnnxOperatorUse(string Domain, string OpType, long Count, long FirstOffset, string FirstGraphPath);

/// <summary>A TensorProto, without its data.</summary>
public sealed record OnnxTensor
{
    /// <summary>name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Where the tensor lives (e.g. "graph initializer").</summary>
    public string GraphPath { get; init; } = string.Empty;

    /// <summary>Byte offset of the tensor message.</summary>
    public long Offset { get; init; }

    /// <summary>dims, capped.</summary>
    public ImmutableArray<long> Dims { get; init; } = [];

    /// <summary>data_type (TensorProto.DataType), 0 when absent.</summary>
    public int DataType { get; init; }

    /// <summary>data_location: 0 default, 1 external.</summary>
    public int DataLocation { get; init; }

    /// <summary>Length of raw_data when present (the bytes themselves are skipped).</summary>
    public long? RawDataLength { get; init; }

    /// <summary>Byte offset of raw_data's content, when present.</summary>
    public long? RawDataOffset { get; init; }

    /// <summary>Whether a typed data field (float_data, int64_data, ...) was present.</summary>
    public bool HasTypedData { get; init; }

    /// <summary>external_data key/value entries, in order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> ExternalData { get; init; } = [];

    /// <summary>Whether the tensor's data lives outside the model file.</summary>
    public bool IsExternal => DataLocation == 1 || !ExternalData.IsDefaultOrEmpty;

    /// <summary>The first external_data value for <paramref name="key"/>, or null.</summary>
    public string? External(string key)
    {
        foreach (var entry in ExternalData)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }
}

/// <summary>What kind of problem the ONNX reader met.</summary>
public enum OnnxProblemKind
{
    /// <summary>The protobuf structure is broken (truncated, bad lengths, groups, too deep). Fatal.</summary>
    Malformed = 0,

    /// <summary>A count or size above the reader's limits; the rest was skipped. Not fatal.</summary>
    LimitExceeded = 1,

    /// <summary>The data is well-formed protobuf but not a ModelProto (no ir_version or no graph). Fatal.</summary>
    NotAModel = 2,
}

/// <summary>A structured problem found while reading an ONNX model.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">A one-line description.</param>
/// <param name="Offset">Where, when known.</param>
public sealed record OnnxProblem(OnnxProblemKind Kind, string Message, long? Offset = null)
{
    /// <summary>Whether the problem means the file could not be read as a model.</summary>
    public bool IsFatal => Kind != OnnxProblemKind.LimitExceeded;
}

/// <summary>Limits for <see cref="OnnxModelReader"/>.</summary>
public sealed record OnnxReadOptions
{
    /// <summary>The defaults.</summary>
    public static OnnxReadOptions Default { get; } = new();

    /// <summary>Protobuf message nesting cap.</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>Nodes recorded (the rest are still parsed for tensors and subgraphs).</summary>
    public int MaxNodes { get; init; } = 200_000;

    /// <summary>Distinct (domain, op_type) pairs recorded.</summary>
    public int MaxOperatorTypes { get; init; } = 10_000;

    /// <summary>Tensors recorded (embedded and external ones counted separately).</summary>
    public int MaxTensors { get; init; } = 200_000;

    /// <summary>Opsets, functions, metadata and external_data entries recorded per list.</summary>
    public int MaxSmallList { get; init; } = 1_000;

    /// <summary>Dims recorded per tensor.</summary>
    public int MaxDims { get; init; } = 64;

    /// <summary>Bytes kept of any string (longer strings are cut).</summary>
    public int MaxStringBytes { get; init; } = 4_096;
}
