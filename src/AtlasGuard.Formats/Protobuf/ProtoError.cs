namespace AtlasGuard.Formats.Protobuf;

/// <summary>What made a protobuf stream unreadable.</summary>
public enum ProtoErrorKind
{
    /// <summary>The data ends before the structure does.</summary>
    Truncated = 0,

    /// <summary>A length-delimited field claims more bytes than remain in its enclosing message.</summary>
    LengthBeyondEnd = 1,

    /// <summary>A varint longer than ten bytes, or one whose tenth byte overflows 64 bits.</summary>
    OverlongVarint = 2,

    /// <summary>A deprecated group (wire types 3 and 4), which no current schema uses.</summary>
    GroupNotSupported = 3,

    /// <summary>Wire type 6 or 7, or field number 0.</summary>
    InvalidTag = 4,

    /// <summary>Messages nested deeper than the reader allows.</summary>
    DepthExceeded = 5,
}

/// <summary>A structured protobuf reading error.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Offset">The byte offset where it was found.</param>
/// <param name="Message">A one-line description.</param>
public sealed record ProtoError(ProtoErrorKind Kind, long Offset, string Message);
