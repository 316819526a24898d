using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;

namespace AtlasGuard.Detectors.Containers;

/// <summary>
/// What the archive readers share: they open targets of one sniffed kind, check their arguments eagerly and list
/// members lazily, so a damaged archive costs nothing until the engine walks it.
/// </summary>
internal abstract class ArchiveContainerReader : IContainerReader
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract ImmutableArray<RuleDescriptor> Rules { get; }

    /// <summary>The kind of content this reader opens.</summary>
    protected abstract ArtifactKind Kind { get; }

    /// <inheritdoc />
    public bool CanRead(ScanTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind == Kind;
    }

    /// <inheritdoc />
    public IEnumerable<ContainerEntry> ReadEntries(ScanTarget target, ContainerContext context, IFindingSink sink,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sink);
        return ReadArchive(target, context, sink, cancellationToken);
    }

    /// <summary>Lists the members; an iterator, so nothing is read before the first member is asked for.</summary>
    protected abstract IEnumerable<ContainerEntry> ReadArchive(ScanTarget target, ContainerContext context, IFindingSink sink,
        CancellationToken cancellationToken);
}
