using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.Archives;

namespace AtlasGuard.Detectors.Containers;

/// <summary>Turns parser problems into scan findings.</summary>
internal static class ContainerReporting
{
    /// <summary>The rules every archive reader may report.</summary>
    public static RuleDescriptor RuleFor(ArchiveProblemKind kind) => kind switch
    {
        ArchiveProblemKind.LimitExceeded or ArchiveProblemKind.OverlappingData => ScanRules.ArchiveLimitExceeded,
        _ => ScanRules.ArchiveDamaged,
    };

    /// <summary>Reports one parser problem at the archive's or the member's location.</summary>
    public static void Report(IFindingSink sink, ArtifactLocation archive, ArchiveProblem problem)
    {
        var location = problem.EntryName is null ? archive : archive.Member(NonEmpty(problem.EntryName));
        if (problem.Offset is { } offset)
        {
            location = location.AtOffset(offset);
        }

        var message = problem.Kind switch
        {
            ArchiveProblemKind.OverlappingData => problem.Message + " Overlapping members were not scanned.",
            ArchiveProblemKind.Damaged => "Archive damaged: " + problem.Message,
            _ => problem.Message,
        };
        sink.Report(RuleFor(problem.Kind).CreateFinding(location, message, key: $"{problem.Kind}:{problem.Message}"));
    }

    /// <summary>A member path that is never empty.</summary>
    public static string NonEmpty(string path) => path.Length == 0 ? "(unnamed member)" : path;
}
