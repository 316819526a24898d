using System.Collections.Immutable;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Core.Rules;

/// <summary>
/// A rule as data: its identity, default severity, ATLAS mapping, phase and help. Descriptors are loaded
/// from embedded JSON (see <see cref="RuleDescriptorLoader"/>) so that documentation and outputs are
/// generated from one source.
/// </summary>
public sealed record RuleDescriptor
{
    /// <summary>Stable id, e.g. <c>AG-MDL-001</c>.</summary>
    public required string Id { get; init; }

    /// <summary>A PascalCase name, e.g. <c>PickleInvokesDangerousCallable</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One sentence.</summary>
    public required string ShortDescription { get; init; }

    /// <summary>A paragraph.</summary>
    public required string FullDescription { get; init; }

    /// <summary>Severity unless configuration overrides it.</summary>
    public required Severity DefaultSeverity { get; init; }

    /// <summary>Default confidence.</summary>
    public Confidence Confidence { get; init; } = Confidence.High;

    /// <summary>ATLAS technique ids, most specific first.</summary>
    public ImmutableArray<string> Techniques { get; init; } = [];

    /// <summary>ATLAS mitigation ids.</summary>
    public ImmutableArray<string> Mitigations { get; init; } = [];

    /// <summary>The MLOps phase findings of this rule belong to.</summary>
    public required MlopsPhase Phase { get; init; }

    /// <summary>What to do about a finding.</summary>
    public required string Remediation { get; init; }

    /// <summary>Help in Markdown: the attack behind the rule and the fix.</summary>
    public string HelpMarkdown { get; init; } = string.Empty;

    /// <summary>Bumped when the rule's logic changes.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Free-form tags (family, format).</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary>Names of fixture cases that must trigger the rule.</summary>
    public ImmutableArray<string> MustMatch { get; init; } = [];

    /// <summary>Names of fixture cases that must not trigger the rule.</summary>
    public ImmutableArray<string> MustNotMatch { get; init; } = [];

    /// <summary>
    /// Creates a finding of this rule.
    /// </summary>
    /// <param name="location">Where it is.</param>
    /// <param name="message">The occurrence-specific message.</param>
    /// <param name="key">What identifies the occurrence inside the artifact, for the fingerprint.</param>
    /// <param name="evidence">Short evidence, safe to print.</param>
    /// <param name="severity">A severity other than the default, when the detector knows better.</param>
    public Finding CreateFinding(ArtifactLocation location, string message, string? key = null, string? evidence = null, Severity? severity = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(message);
        return new Finding
        {
            RuleId = Id,
            Message = message,
            Severity = severity ?? DefaultSeverity,
            Confidence = Confidence,
            Location = location,
            Evidence = evidence,
            Techniques = Techniques,
            Mitigations = Mitigations,
            Phase = Phase,
            Remediation = Remediation,
            Fingerprint = Fingerprint.Compute(Id, location, key ?? message),
        };
    }
}
