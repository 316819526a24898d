namespace AtlasGuard.Formats.Safetensors;

/// <summary>What is wrong with a safetensors file.</summary>
public enum SafetensorsProblemKind
{
    /// <summary>The file is shorter than the 8-byte header length.</summary>
    FileTooShort,

    /// <summary>The header length points past the end of the file.</summary>
    HeaderBeyondFile,

    /// <summary>The header length is larger than the allowed maximum (100 MB by default), though inside the file.</summary>
    HeaderTooLarge,

    /// <summary>The header does not start with <c>{</c> (the reference loader refuses it).</summary>
    InvalidHeaderStart,

    /// <summary>The header is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The header is not well-formed JSON.</summary>
    InvalidJson,

    /// <summary>The header JSON nests deeper than the parser allows.</summary>
    NestingTooDeep,

    /// <summary>The header is JSON but not an object.</summary>
    NotAnObject,

    /// <summary>An object in the header has the same key twice; parsers disagree about which value wins.</summary>
    DuplicateKey,

    /// <summary>A tensor entry is not an object with <c>dtype</c>, <c>shape</c> and <c>data_offsets</c> of the right types.</summary>
    InvalidTensorInfo,

    /// <summary>A tensor's dtype is not one the format defines.</summary>
    UnknownDtype,

    /// <summary>A tensor's shape is not a list of non-negative integers, or its element count overflows.</summary>
    InvalidShape,

    /// <summary><c>data_offsets</c> is not two non-negative integers with begin &lt;= end.</summary>
    InvalidOffsets,

    /// <summary>A tensor's byte range (end − begin) differs from its shape × dtype size.</summary>
    SizeMismatch,

    /// <summary>A tensor's byte range ends past the end of the data buffer.</summary>
    OffsetOutOfRange,

    /// <summary>Two tensors' byte ranges overlap.</summary>
    OverlappingTensors,

    /// <summary>Bytes of the buffer between tensors (or before the first) belong to no tensor.</summary>
    GapBetweenTensors,

    /// <summary>The buffer continues after the last tensor's data.</summary>
    TrailingData,

    /// <summary><c>__metadata__</c> is not an object of string values.</summary>
    InvalidMetadata,
}

/// <summary>One problem found in a safetensors file.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Message">A one-line description.</param>
/// <param name="Offset">The absolute file offset the problem is at (of the JSON token, or of the data bytes).</param>
/// <param name="Key">The tensor or metadata key concerned, when there is one.</param>
public sealed record SafetensorsProblem(SafetensorsProblemKind Kind, string Message, long Offset, string? Key = null);
