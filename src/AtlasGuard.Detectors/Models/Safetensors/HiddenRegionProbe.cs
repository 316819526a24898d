using AtlasGuard.Core.Sniffing;
using AtlasGuard.Formats.IO;
using AtlasGuard.Formats.Pickle;
using AtlasGuard.Formats.Safetensors;

namespace AtlasGuard.Detectors.Models.Safetensors;

/// <summary>
/// Looks at the first bytes of regions no tensor describes and says what they look like. One probe per
/// analysis: on a forward-only stream it remembers where it is (just after the header when created) and can
/// only look at regions further on.
/// </summary>
internal sealed class HiddenRegionProbe(Stream stream, SafetensorsFile file)
{
    private const int ProbeLength = 4096;

    private long _position = file.DataStart ?? long.MaxValue;

    /// <summary>What the region looks like; <c>OnlyZeroPadding</c> when it is a short run of zero bytes.</summary>
    public readonly record struct Result(string Description, bool OnlyZeroPadding);

    public Result Describe(SafetensorsProblem problem, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var length = RegionLength(problem);
        var size = length is { } l ? $"{l} hidden bytes" : "hidden bytes";
        if (!stream.CanSeek && problem.Offset < _position)
        {
            return new Result($"{size}; content not examined", false);
        }

        var buffer = new byte[(int)Math.Min(ProbeLength, length ?? ProbeLength)];
        if (stream.CanSeek)
        {
            stream.Seek(problem.Offset, SeekOrigin.Begin);
        }
        else
        {
            _position += StreamSkip.Skip(stream, problem.Offset - _position);
        }

        var got = StreamSkip.ReadAtMost(stream, buffer);
        _position += got;
        var head = buffer.AsSpan(0, got);
        if (head.IsEmpty)
        {
            return new Result($"{size}; content not readable", false);
        }

        if (head.IndexOfAnyExcept((byte)0) < 0 && length is <= ProbeLength)
        {
            return new Result($"{size}, all zero (padding)", true);
        }

        return new Result($"{size}, starting like {Identify(head)}", false);
    }

    /// <summary>Names the format <paramref name="head"/> starts with, for evidence.</summary>
    public static string Identify(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("#!"u8))
        {
            return "a script (#!)";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']))
        {
            return "an ELF executable";
        }

        if (head.StartsWith("MZ"u8))
        {
            return "a Windows PE executable (MZ)";
        }

        var kind = ContentSniffer.Sniff(head);
        return kind switch
        {
            ArtifactKind.Pickle => $"a pickle (protocol {head[1]})",
            ArtifactKind.Zip => "a ZIP archive (PK)",
            ArtifactKind.Unknown when PickleSniffer.LooksLikePickle(head) => "a pickle (protocol 0/1)",
            ArtifactKind.Unknown => $"unrecognised data ({Hex(head)})",
            _ => $"{kind} data",
        };
    }

    private long? RegionLength(SafetensorsProblem problem)
    {
        if (file.DataStart is not { } start)
        {
            return null;
        }

        if (problem.Kind == SafetensorsProblemKind.TrailingData)
        {
            return file.FileLength - problem.Offset;
        }

        var next = file.Tensors.Where(t => start + (long)Math.Min(t.Begin, long.MaxValue / 2) > problem.Offset)
            .Select(t => start + (long)Math.Min(t.Begin, long.MaxValue / 2)).DefaultIfEmpty(problem.Offset).Min();
        return next - problem.Offset;
    }

    private static string Hex(ReadOnlySpan<byte> head) => Convert.ToHexString(head[..Math.Min(8, head.Length)]);
}
