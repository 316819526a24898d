using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Formats.Archives;

namespace AtlasGuard.Detectors.Containers;

/// <summary>
/// Opens 7-Zip archives, the wrapper ReversingLabs found around the nullifAI models on Hugging Face. Members
/// are decompressed one at a time into memory (never to disk), each up to the in-memory limit; encrypted and
/// oversized members are reported, not skipped silently.
/// </summary>
internal sealed class SevenZipContainerReader : ArchiveContainerReader
{
    /// <inheritdoc />
    public override string Id => "7z";

    /// <inheritdoc />
    public override ImmutableArray<RuleDescriptor> Rules => [ScanRules.ArchiveLimitExceeded, ScanRules.ArchiveDamaged, ScanRules.EncryptedMember, MemberPaths.PathEscapes];

    /// <inheritdoc />
    protected override ArtifactKind Kind => ArtifactKind.SevenZip;

    /// <inheritdoc />
    protected override IEnumerable<ContainerEntry> ReadArchive(ScanTarget target, ContainerContext context, IFindingSink sink,
        CancellationToken cancellationToken)
    {
        var source = ContainerSource.Create(target, context.Limits, sink, "7-Zip");
        if (source is null)
        {
            yield break;
        }

        var properties = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal)
            .Add(TargetProperties.ContainerFormat, "7z");
        using var stream = source.Open();
        var members = SevenZipReader.ReadMembers(stream, context.Limits.MaxInMemoryMember,
            problem => ContainerReporting.Report(sink, source.Location, problem), cancellationToken);
        foreach (var member in members)
        {
            MemberPaths.Check(sink, source.Location, member.Name);
            var location = source.Location.Member(ContainerReporting.NonEmpty(member.Name));
            if (member.Content is null)
            {
                var rule = member.Problem == "the member is encrypted" ? ScanRules.EncryptedMember
                    : member.ProblemKind == ArchiveProblemKind.LimitExceeded ? ScanRules.ArchiveLimitExceeded
                    : ScanRules.ArchiveDamaged;
                sink.Report(rule.CreateFinding(location, $"7-Zip member not scanned: {member.Problem}.", key: "7z:" + member.Problem));
                continue;
            }

            var content = member.Content;
            yield return new ContainerEntry(member.Name, content.Length, () => new MemoryStream(content, writable: false),
                properties: properties);
        }
    }
}
