using System.Collections.Immutable;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.ThreatModel.Evidence;

/// <summary>What a threat model needs of a scan finding: which rule, how bad, where, and the ATLAS techniques.</summary>
/// <param name="RuleId">The scan rule, e.g. <c>AG-MDL-001</c>.</param>
/// <param name="Severity">The finding's severity.</param>
/// <param name="Path">The file, relative to the scan root with forward slashes.</param>
/// <param name="InnerPath">The archive member, when the finding is inside one.</param>
/// <param name="Line">The line, when the finding has one.</param>
/// <param name="Message">The finding's one-line message.</param>
/// <param name="Techniques">Its ATLAS technique ids.</param>
/// <param name="Fingerprint">Its stable fingerprint.</param>
public sealed record EvidenceFinding(
    string RuleId,
    Severity Severity,
    string Path,
    string? InnerPath,
    int? Line,
    string Message,
    ImmutableArray<string> Techniques,
    string Fingerprint)
{
    /// <summary>The evidence form of a finding from a scan run in this process.</summary>
    public static EvidenceFinding From(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.RuleId, finding.Severity, finding.Location.Path, finding.Location.InnerPath, finding.Location.Line,
            finding.Message, finding.Techniques, finding.Fingerprint);
    }

    /// <summary>The location as the reports print it: <c>path</c>, <c>path!/member</c>, then <c>:line</c>.</summary>
    public string DisplayLocation =>
        (InnerPath is null ? Path : Path + "!/" + InnerPath) + (Line is { } line ? ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
}
