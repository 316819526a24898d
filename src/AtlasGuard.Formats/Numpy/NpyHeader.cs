using System.Collections.Immutable;

namespace AtlasGuard.Formats.Numpy;

/// <summary>The parsed header of a NumPy <c>.npy</c> array.</summary>
public sealed record NpyHeader
{
    /// <summary>Format major version (1, 2 or 3).</summary>
    public required byte MajorVersion { get; init; }

    /// <summary>Format minor version.</summary>
    public required byte MinorVersion { get; init; }

    /// <summary>Length of the header dictionary text, as the preamble states it.</summary>
    public required int HeaderLength { get; init; }

    /// <summary>Where the array data starts: for object arrays this is where the pickle stream starts.</summary>
    public required long DataOffset { get; init; }

    /// <summary>The <c>descr</c> value, rendered back as a Python literal (for messages).</summary>
    public required string Descr { get; init; }

    /// <summary>The <c>fortran_order</c> value.</summary>
    public required bool FortranOrder { get; init; }

    /// <summary>The <c>shape</c> value.</summary>
    public required ImmutableArray<long> Shape { get; init; }

    /// <summary>
    /// True when the dtype is, or contains (structured fields, sub-arrays, comma-separated dtype strings), the
    /// object type: the data is then a pickle that <c>np.load(allow_pickle=True)</c> unpickles.
    /// </summary>
    public required bool HasObjectDtype { get; init; }

    /// <summary>Bytes per element when the dtype is understood (8 for object references), otherwise null.</summary>
    public long? ItemSize { get; init; }

    /// <summary>The number of elements (product of the shape), or null when it overflows.</summary>
    public long? ElementCount { get; init; }

    /// <summary>The raw data length implied by the header for non-object arrays, or null when unknown.</summary>
    public long? DataLength => HasObjectDtype || ItemSize is null || ElementCount is null
        ? null
        : ElementCount.Value == 0 || ItemSize.Value <= long.MaxValue / ElementCount.Value ? ItemSize.Value * ElementCount.Value : null;
}

/// <summary>What was wrong with an <c>.npy</c> header.</summary>
public enum NpyHeaderErrorKind
{
    /// <summary>No <c>\x93NUMPY</c> magic.</summary>
    NotNpy = 0,

    /// <summary>A format version other than 1.0, 2.0 or 3.0.</summary>
    UnsupportedVersion,

    /// <summary>The data ends before the header does.</summary>
    Truncated,

    /// <summary>The stated header length is above the allowed maximum.</summary>
    HeaderTooLarge,

    /// <summary>The header text is not valid in its encoding.</summary>
    InvalidEncoding,

    /// <summary>The header is not a Python literal of the supported subset.</summary>
    Syntax,

    /// <summary>The literal nests deeper, or has more items, than allowed.</summary>
    TooComplex,

    /// <summary>The header is a literal but not the dictionary NumPy expects (keys, value types).</summary>
    InvalidValue,
}

/// <summary>A structured header problem.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Message">A one-line description.</param>
/// <param name="Offset">The byte offset in the file where it was found, when meaningful.</param>
public sealed record NpyHeaderError(NpyHeaderErrorKind Kind, string Message, long? Offset = null);
