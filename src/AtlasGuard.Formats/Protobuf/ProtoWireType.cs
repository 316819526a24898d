namespace AtlasGuard.Formats.Protobuf;

/// <summary>The protobuf wire types (the low three bits of a tag).</summary>
public enum ProtoWireType
{
    /// <summary>A base-128 varint.</summary>
    Varint = 0,

    /// <summary>Eight little-endian bytes.</summary>
    Fixed64 = 1,

    /// <summary>A varint length followed by that many bytes (strings, bytes, messages, packed arrays).</summary>
    LengthDelimited = 2,

    /// <summary>Deprecated group start; rejected by <see cref="ProtoReader"/>.</summary>
    StartGroup = 3,

    /// <summary>Deprecated group end; rejected by <see cref="ProtoReader"/>.</summary>
    EndGroup = 4,

    /// <summary>Four little-endian bytes.</summary>
    Fixed32 = 5,
}
