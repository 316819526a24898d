using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Formats.Archives;
using AtlasGuard.Formats.IO;

namespace AtlasGuard.Detectors.Containers;

/// <summary>
/// Opens tar archives (V7, ustar, GNU, pax) and recognises the legacy PyTorch layout written by <c>torch.save</c>
/// before 1.6 (<c>sys_info</c>, <c>pickle</c>, <c>tensors</c>, <c>storages</c>), which scanners that only know the
/// ZIP layout skip. Every regular member is yielded; the engine sniffs each one.
/// </summary>
internal sealed class TarContainerReader : ArchiveContainerReader
{
    /// <summary>ContainerFormat of a legacy PyTorch tar.</summary>
    public const string LegacyPyTorch = "pytorch-legacy-tar";

    /// <summary>ContainerFormat of any other tar.</summary>
    public const string GenericTar = "tar";

    private static readonly ImmutableDictionary<string, string> LegacyRoles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pickle"] = "pytorch-legacy-pickle",
        ["storages"] = "pytorch-legacy-storages",
        ["tensors"] = "pytorch-legacy-tensors",
        ["sys_info"] = "pytorch-legacy-sysinfo",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Id => "tar";

    /// <inheritdoc />
    public override ImmutableArray<RuleDescriptor> Rules => [ScanRules.ArchiveLimitExceeded, ScanRules.ArchiveDamaged, MemberPaths.PathEscapes];

    /// <inheritdoc />
    protected override ArtifactKind Kind => ArtifactKind.Tar;

    /// <inheritdoc />
    protected override IEnumerable<ContainerEntry> ReadArchive(ScanTarget target, ContainerContext context, IFindingSink sink,
        CancellationToken cancellationToken)
    {
        var source = ContainerSource.Create(target, context.Limits, sink, "tar");
        if (source is null)
        {
            yield break;
        }

        // One pass over the headers (seeks only) so that the layout is known before any member is handed out.
        var entries = new List<TarEntry>();
        using (var stream = source.Open())
        using (var reader = new TarReader(stream))
        {
            while (reader.TryReadNext(out var entry, cancellationToken))
            {
                if (entries.Count >= context.Limits.MaxArchiveMembers)
                {
                    sink.Report(ScanRules.ArchiveLimitExceeded.CreateFinding(target.Location,
                        $"The archive has more than {context.Limits.MaxArchiveMembers} members; the rest were not scanned.", key: "members"));
                    break;
                }

                entries.Add(entry!);
            }

            foreach (var problem in reader.Problems)
            {
                ContainerReporting.Report(sink, target.Location, problem);
            }
        }

        foreach (var entry in entries)
        {
            MemberPaths.Check(sink, target.Location, entry.Name, entry.LinkName is { Length: > 0 } link ? link : null);
        }

        var files = entries.Where(e => e.IsFile).ToList();
        var names = files.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var legacy = names.Contains("pickle") && (names.Contains("storages") || names.Contains("tensors") || names.Contains("sys_info"));
        var baseProperties = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal)
            .Add(TargetProperties.ContainerFormat, legacy ? LegacyPyTorch : GenericTar);
        foreach (var entry in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var properties = legacy && LegacyRoles.TryGetValue(entry.Name, out var role)
                ? baseProperties.Add(TargetProperties.Role, role)
                : baseProperties;
            var member = entry;
            yield return new ContainerEntry(ContainerReporting.NonEmpty(entry.Name), entry.Size, () => OpenMember(source, member),
                properties: properties);
        }
    }

    private static Stream OpenMember(ContainerSource source, TarEntry entry)
    {
        var stream = source.Open();
        var available = Math.Clamp(stream.Length - entry.DataOffset, 0, entry.Size);
        return new SubStream(stream, Math.Min(entry.DataOffset, stream.Length), available, leaveOpen: false);
    }
}
