using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using AtlasGuard.Formats.IO;

namespace AtlasGuard.Formats.Numpy;

/// <summary>
/// Reads the header of a NumPy <c>.npy</c> file: the <c>\x93NUMPY</c> magic, the version (1.0, 2.0, 3.0), the
/// little-endian header length and the header dictionary literal (<c>descr</c>, <c>fortran_order</c>,
/// <c>shape</c>). Never throws for malformed input.
/// </summary>
public static class NpyHeaderReader
{
    /// <summary>Default cap on the header length: 1 MiB (NumPy itself refuses more than 10,000 bytes unless pickles are allowed).</summary>
    public const int DefaultMaxHeaderLength = 1 << 20;

    /// <summary>The six magic bytes.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Parses the header from the first bytes of a file; <paramref name="data"/> must hold the whole header.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out NpyHeader? header, out NpyHeaderError? error,
        int maxHeaderLength = DefaultMaxHeaderLength)
    {
        header = null;
        if (!TryReadPreamble(data, maxHeaderLength, out var major, out var minor, out var preambleLength, out var headerLength, out error))
        {
            return false;
        }

        if ((long)preambleLength + headerLength > data.Length)
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.Truncated,
                $"The file ends before the end of its {headerLength}-byte header.", data.Length);
            return false;
        }

        return TryParseDictionary(data.Slice(preambleLength, (int)headerLength), major, minor, preambleLength, out header, out error);
    }

    /// <summary>Parses the header from the start of <paramref name="stream"/>, reading no more than the header.</summary>
    public static bool TryRead(Stream stream, out NpyHeader? header, out NpyHeaderError? error, int maxHeaderLength = DefaultMaxHeaderLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        header = null;
        Span<byte> preamble = stackalloc byte[12];
        var got = StreamSkip.ReadAtMost(stream, preamble);
        if (!TryReadPreamble(preamble[..got], maxHeaderLength, out var major, out var minor, out var preambleLength, out var headerLength,
            out error))
        {
            return false;
        }

        var buffer = new byte[preambleLength + headerLength];
        preamble[..got].CopyTo(buffer);
        var wanted = buffer.Length - got;
        var more = wanted > 0 ? StreamSkip.ReadAtMost(stream, buffer.AsSpan(got)) : 0;
        if (more < wanted)
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.Truncated, $"The file ends before the end of its {headerLength}-byte header.", got + more);
            return false;
        }

        return TryParseDictionary(buffer.AsSpan(preambleLength), major, minor, preambleLength, out header, out error);
    }

    private static bool TryReadPreamble(ReadOnlySpan<byte> data, int maxHeaderLength, out byte major, out byte minor, out int preambleLength,
        out uint headerLength, out NpyHeaderError? error)
    {
        major = minor = 0;
        preambleLength = 0;
        headerLength = 0;
        error = null;
        if (data.Length < Magic.Length || !data.StartsWith(Magic))
        {
            error = data.Length < Magic.Length && Magic.StartsWith(data)
                ? new NpyHeaderError(NpyHeaderErrorKind.Truncated, "The file ends inside the magic string.", data.Length)
                : new NpyHeaderError(NpyHeaderErrorKind.NotNpy, "The file does not start with the \\x93NUMPY magic.", 0);
            return false;
        }

        if (data.Length < 8)
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.Truncated, "The file ends inside the version bytes.", data.Length);
            return false;
        }

        major = data[6];
        minor = data[7];
        if (major is not (1 or 2 or 3) || minor != 0)
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.UnsupportedVersion, $"Format version {major}.{minor} is not 1.0, 2.0 or 3.0.", 6);
            return false;
        }

        preambleLength = major == 1 ? 10 : 12;
        if (data.Length < preambleLength)
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.Truncated, "The file ends inside the header length.", data.Length);
            return false;
        }

        headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        if (headerLength > (uint)Math.Max(0, maxHeaderLength))
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.HeaderTooLarge,
                $"The header claims {headerLength} bytes, more than the {maxHeaderLength} allowed.", 8);
            return false;
        }

        return true;
    }

    private static bool TryParseDictionary(ReadOnlySpan<byte> bytes, byte major, byte minor, int preambleLength, out NpyHeader? header,
        out NpyHeaderError? error)
    {
        header = null;
        error = null;
        string text;
        if (major == 3)
        {
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                error = new NpyHeaderError(NpyHeaderErrorKind.InvalidEncoding, "A version 3.0 header is not valid UTF-8.", preambleLength);
                return false;
            }

            text = Encoding.UTF8.GetString(bytes);
        }
        else
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        var parser = new PyLiteralParser(text);
        if (!parser.TryParse(out var literal, out var kind, out var message, out var position))
        {
            error = new NpyHeaderError(kind, message ?? "The header is not a valid literal.", preambleLength + Math.Max(0, position));
            return false;
        }

        if (literal is not PyDict dict)
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.InvalidValue, "The header is not a dictionary.", preambleLength);
            return false;
        }

        PyLiteral? descr = null;
        PyLiteral? fortran = null;
        PyLiteral? shape = null;
        foreach (var (key, value) in dict.Items)
        {
            switch ((key as PyString)?.Value)
            {
                case "descr": descr = value; break;
                case "fortran_order": fortran = value; break;
                case "shape": shape = value; break;
                default:
                    error = new NpyHeaderError(NpyHeaderErrorKind.InvalidValue, $"The header has an unexpected key {key}.", preambleLength);
                    return false;
            }
        }

        if (descr is null || fortran is null || shape is null)
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.InvalidValue,
                "The header lacks one of the keys 'descr', 'fortran_order' and 'shape'.", preambleLength);
            return false;
        }

        if (fortran is not PyBool fortranOrder)
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.InvalidValue, "'fortran_order' is not a boolean.", preambleLength);
            return false;
        }

        if (shape is not PySequence { IsTuple: true } shapeTuple || shapeTuple.Items.Any(d => d is not PyInt))
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.InvalidValue, "'shape' is not a tuple of integers.", preambleLength);
            return false;
        }

        var dims = shapeTuple.Items.Select(d => ((PyInt)d).Value).ToImmutableArray();
        if (dims.Any(d => d < 0))
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.InvalidValue, "'shape' has a negative dimension.", preambleLength);
            return false;
        }

        if (descr is not (PyString or PySequence))
        {
            error = new NpyHeaderError(NpyHeaderErrorKind.InvalidValue, "'descr' is not a string, tuple or list.", preambleLength);
            return false;
        }

        long? count = 1;
        foreach (var d in dims)
        {
            count = count is null ? null : d == 0 ? 0 : count.Value > long.MaxValue / d ? null : count.Value * d;
        }

        header = new NpyHeader
        {
            MajorVersion = major,
            MinorVersion = minor,
            HeaderLength = bytes.Length,
            DataOffset = preambleLength + bytes.Length,
            Descr = descr.ToString(),
            FortranOrder = fortranOrder.Value,
            Shape = dims,
            HasObjectDtype = NpyDescr.HasObject(descr),
            ItemSize = NpyDescr.ItemSize(descr),
            ElementCount = count,
        };
        return true;
    }
}
