using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Core.Scanning;

/// <summary>
/// Opens a container (archive or compressed stream) into members, which the engine sniffs, scans and,
/// when they are containers themselves, opens in turn up to <see cref="ScanLimits.MaxArchiveDepth"/>.
/// </summary>
public interface IContainerReader
{
    /// <summary>A stable id such as "zip".</summary>
    string Id { get; }

    /// <summary>The rules this reader may report (corrupt archive, path escape, ...).</summary>
    ImmutableArray<RuleDescriptor> Rules { get; }

    /// <summary>Whether this reader opens the target.</summary>
    bool CanRead(ScanTarget target);

    /// <summary>
    /// Lists the members to scan. Problems with the container itself are reported to <paramref name="sink"/>;
    /// the enumeration ends early rather than throwing when the container is damaged.
    /// </summary>
    IEnumerable<ContainerEntry> ReadEntries(ScanTarget target, ContainerContext context, IFindingSink sink,
        CancellationToken cancellationToken = default);
}

/// <summary>What a container reader knows about the scan it serves.</summary>
public sealed record ContainerContext(ScanLimits Limits);

/// <summary>One member of a container.</summary>
public sealed class ContainerEntry
{
    private readonly Func<Stream> _open;

    /// <summary>Creates an entry.</summary>
    public ContainerEntry(string path, long? length, Func<Stream> open, long? compressedLength = null,
        ImmutableDictionary<string, string>? properties = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(open);
        Path = path;
        Length = length;
        CompressedLength = compressedLength;
        _open = open;
        Properties = properties ?? ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
    }

    /// <summary>The member's path inside the container, with forward slashes.</summary>
    public string Path { get; }

    /// <summary>Uncompressed length when the container states it (it may lie).</summary>
    public long? Length { get; }

    /// <summary>Stored length when the member is compressed.</summary>
    public long? CompressedLength { get; }

    /// <summary>Hints for detectors (see <see cref="TargetProperties"/>).</summary>
    public ImmutableDictionary<string, string> Properties { get; }

    /// <summary>Opens the member's content; seekable when the container allows it.</summary>
    public Stream Open() => _open();
}
