using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Formats.Compression;

namespace AtlasGuard.Detectors.Containers;

/// <summary>
/// Opens single compressed streams (gzip, bzip2, xz, LZMA alone, zlib, Zstandard; joblib writes most of these) as
/// one decompressed member. LZ4 has no decoder and is reported as not analysed.
/// </summary>
internal sealed class CompressedStreamReader : IContainerReader
{
    private static readonly (string Suffix, string Replacement)[] Suffixes =
    [
        (".tgz", ".tar"), (".tbz2", ".tar"), (".tbz", ".tar"), (".txz", ".tar"), (".tzst", ".tar"),
        (".gz", string.Empty), (".gzip", string.Empty), (".bz2", string.Empty), (".xz", string.Empty), (".lzma", string.Empty),
        (".zlib", string.Empty), (".z", string.Empty), (".zst", string.Empty), (".zstd", string.Empty), (".lz4", string.Empty),
    ];

    /// <inheritdoc />
    public string Id => "compressed-stream";

    /// <inheritdoc />
    public ImmutableArray<RuleDescriptor> Rules => [ScanRules.FormatNotAnalysed];

    /// <inheritdoc />
    public bool CanRead(ScanTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return FormatOf(target.Kind) is not null;
    }

    /// <inheritdoc />
    public IEnumerable<ContainerEntry> ReadEntries(ScanTarget target, ContainerContext context, IFindingSink sink,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sink);
        return ReadEntriesCore(target, sink, cancellationToken);
    }

    /// <summary>The member name: the target name without its compression suffix, or with ".decompressed" appended.</summary>
    internal static string MemberName(string targetName)
    {
        foreach (var (suffix, replacement) in Suffixes)
        {
            if (targetName.Length > suffix.Length && targetName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return targetName[..^suffix.Length] + replacement;
            }
        }

        return (targetName.Length == 0 ? "stream" : targetName) + ".decompressed";
    }

    private static IEnumerable<ContainerEntry> ReadEntriesCore(ScanTarget target, IFindingSink sink,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var format = FormatOf(target.Kind)!.Value;
        if (!Decompression.IsSupported(format))
        {
            sink.Report(ScanRules.FormatNotAnalysed.CreateFinding(target.Location,
                $"{Decompression.Name(format)}-compressed content cannot be decompressed by this version; it was not scanned.",
                key: Decompression.Name(format)));
            yield break;
        }

        var properties = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal)
            .Add(TargetProperties.ContainerFormat, Decompression.Name(format));
        yield return new ContainerEntry(MemberName(target.Name), null, () => Decompression.Open(target.OpenRead(), format),
            target.Length, properties);
    }

    private static CompressionFormat? FormatOf(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Gzip => CompressionFormat.Gzip,
        ArtifactKind.Bzip2 => CompressionFormat.Bzip2,
        ArtifactKind.Xz => CompressionFormat.Xz,
        ArtifactKind.Lzma => CompressionFormat.LzmaAlone,
        ArtifactKind.Zlib => CompressionFormat.Zlib,
        ArtifactKind.Zstd => CompressionFormat.Zstd,
        ArtifactKind.Lz4 => CompressionFormat.Lz4,
        _ => null,
    };
}
