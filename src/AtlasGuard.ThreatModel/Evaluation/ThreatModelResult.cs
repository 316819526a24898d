using System.Collections.Immutable;
using AtlasGuard.ThreatModel.Evidence;
using AtlasGuard.ThreatModel.Paths;
using AtlasGuard.ThreatModel.Scoring;

namespace AtlasGuard.ThreatModel.Evaluation;

/// <summary>
/// What a threat model evaluates to: the threats (applicable or needing information), the aggregates, the attack
/// paths and the diagnostics. Every list is sorted; the same inputs give the same result.
/// </summary>
public sealed record ThreatModelResult
{
    /// <summary>The pipeline's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>The ATLAS catalog version used.</summary>
    public required string AtlasVersion { get; init; }

    /// <summary>Applicable and needs-information threats, sorted by rule, component, attacker.</summary>
    public required ImmutableArray<Threat> Threats { get; init; }

    /// <summary>How many rule × component × attacker combinations did not apply.</summary>
    public required int NotApplicable { get; init; }

    /// <summary>Risk per phase, per tactic and per component.</summary>
    public required ThreatAggregates Aggregates { get; init; }

    /// <summary>Attack paths, highest risk first.</summary>
    public required ImmutableArray<AttackPath> Paths { get; init; }

    /// <summary>Risk-tracking entries whose expiry date has passed.</summary>
    public required ImmutableArray<Model.RiskTrackingEntry> ExpiredDecisions { get; init; }

    /// <summary>Scan findings under no component's <c>sources</c>: the model does not say where they belong.</summary>
    public ImmutableArray<EvidenceFinding> UnplacedFindings { get; init; } = [];

    /// <summary>How many scan findings the evaluation was given (0 without a scan).</summary>
    public int ScanFindings { get; init; }

    /// <summary>Rules that failed to evaluate, and other problems; evaluation goes on past them.</summary>
    public required ImmutableArray<EvaluationDiagnostic> Diagnostics { get; init; }
}

/// <summary>A problem met while evaluating: the rule, and where known the component and attacker.</summary>
public sealed record EvaluationDiagnostic(string RuleId, string? ComponentId, string? AttackerId, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{RuleId}@{ComponentId ?? "*"}@{AttackerId ?? "*"}: {Message}";
}

/// <summary>
/// Risk of a group of applicable threats (false positives excluded): how many, how many still open, the highest
/// inherent risk and band, and the summed inherent and residual risk.
/// </summary>
public sealed record RiskAggregate(string Key, int Threats, int Open, int MaxRisk, RiskBand MaxBand, int TotalRisk, int TotalResidualRisk);

/// <summary>Aggregates per MLOps phase (wire name), per ATLAS tactic id and per component id, each sorted by key.</summary>
public sealed record ThreatAggregates(
    ImmutableArray<RiskAggregate> ByPhase,
    ImmutableArray<RiskAggregate> ByTactic,
    ImmutableArray<RiskAggregate> ByComponent);
