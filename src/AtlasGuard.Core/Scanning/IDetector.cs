using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Core.Scanning;

/// <summary>
/// A detector: policy over one family of artifacts. It declares the rules it may report, says whether a
/// target is for it, and reports findings into a sink. A detector never throws for bad input: a file it
/// cannot finish reading becomes a finding.
/// </summary>
public interface IDetector
{
    /// <summary>A stable, lower-case id such as "pickle".</summary>
    string Id { get; }

    /// <summary>The rules this detector may report.</summary>
    ImmutableArray<RuleDescriptor> Rules { get; }

    /// <summary>
    /// Whether the detector also looks at files that <c>.gitignore</c> excludes. Model artifacts are usually
    /// ignored by git (they live in DVC, LFS or a registry) yet are loaded all the same, so artifact
    /// detectors say true; source-code detectors say false.
    /// </summary>
    bool AppliesToIgnoredFiles { get; }

    /// <summary>Whether <paramref name="target"/> is something this detector analyses. Cheap: uses the kind and head only.</summary>
    bool IsApplicable(ScanTarget target);

    /// <summary>Analyses the target and reports findings.</summary>
    ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default);
}
