using System.Collections.Immutable;

namespace AtlasGuard.Core.Findings;

/// <summary>One result of a scan: what was found, where, how bad, and how it maps onto MITRE ATLAS.</summary>
public sealed record Finding
{
    /// <summary>The rule that produced this finding, e.g. <c>AG-MDL-001</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>A one-line message specific to this occurrence.</summary>
    public required string Message { get; init; }

    /// <summary>How bad it is (after any configured override).</summary>
    public required Severity Severity { get; init; }

    /// <summary>How sure the detector is.</summary>
    public Confidence Confidence { get; init; } = Confidence.High;

    /// <summary>Where it is.</summary>
    public required ArtifactLocation Location { get; init; }

    /// <summary>Short evidence that is safe to print (a global name, an opcode offset; secrets redacted).</summary>
    public string? Evidence { get; init; }

    /// <summary>ATLAS technique ids, most specific first.</summary>
    public ImmutableArray<string> Techniques { get; init; } = [];

    /// <summary>ATLAS mitigation ids that address it.</summary>
    public ImmutableArray<string> Mitigations { get; init; } = [];

    /// <summary>The MLOps phase it belongs to.</summary>
    public MlopsPhase Phase { get; init; }

    /// <summary>What to do about it.</summary>
    public string? Remediation { get; init; }

    /// <summary>A stable hash for baselines and deduplication; independent of offsets and message wording.</summary>
    public required string Fingerprint { get; init; }
}
