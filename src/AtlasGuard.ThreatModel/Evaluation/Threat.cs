using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.ThreatModel.Evidence;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Scoring;

namespace AtlasGuard.ThreatModel.Evaluation;

/// <summary>Whether a rule applies to a component for an attacker.</summary>
public enum Applicability
{
    /// <summary>Both the system and the attacker condition hold.</summary>
    Applies,

    /// <summary>One of the conditions is false.</summary>
    DoesNotApply,

    /// <summary>The model lacks a property the rule needs (see <see cref="Threat.MissingPaths"/>).</summary>
    NeedsInformation,
}

/// <summary>Whether declared controls satisfy the rule's <c>mitigated_when</c>.</summary>
public enum MitigationStatus
{
    /// <summary>Implemented or verified controls satisfy it.</summary>
    Mitigated,

    /// <summary>Only counting planned controls would satisfy it.</summary>
    Planned,

    /// <summary>Nothing declared satisfies it.</summary>
    Missing,
}

/// <summary>A risk-tracking decision matched to a threat; <see cref="Expired"/> decisions are reported but not honoured.</summary>
public sealed record TrackingDecision(RiskTrackingEntry Entry, bool Expired)
{
    /// <summary>Whether the decision counts (it has not expired).</summary>
    public bool Honoured => !Expired;
}

/// <summary>Likelihood, impact and risk, before (inherent) and after (residual) controls and decisions.</summary>
public sealed record ThreatScore(int Likelihood, int Impact, int Risk, RiskBand Band, int ResidualRisk, RiskBand ResidualBand, bool ImpactAssumed);

/// <summary>
/// One rule evaluated on one component for one attacker profile. Only <see cref="Applicability.Applies"/> and
/// <see cref="Applicability.NeedsInformation"/> threats are listed in <see cref="ThreatModelResult.Threats"/>.
/// </summary>
public sealed record Threat
{
    /// <summary>Stable key <c>RULE@COMPONENT@PROFILE</c>, the form risk tracking uses.</summary>
    public string Key => $"{RuleId}@{ComponentId}@{AttackerId}";

    /// <summary>The rule id.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule title.</summary>
    public required string Title { get; init; }

    /// <summary>The component id.</summary>
    public required string ComponentId { get; init; }

    /// <summary>The attacker profile id.</summary>
    public required string AttackerId { get; init; }

    /// <summary>Applies or needs information.</summary>
    public required Applicability Applicability { get; init; }

    /// <summary>Model paths the rule needed and the model lacks (sorted); empty when it applies.</summary>
    public required ImmutableArray<string> MissingPaths { get; init; }

    /// <summary>Mitigation status from declared controls.</summary>
    public required MitigationStatus Mitigation { get; init; }

    /// <summary>The rule's mitigations that implemented or verified controls on the component provide.</summary>
    public required ImmutableArray<string> ControlsPresent { get; init; }

    /// <summary>The rule's mitigations only planned on the component.</summary>
    public required ImmutableArray<string> ControlsPlanned { get; init; }

    /// <summary>The rule's mitigations with no control on the component.</summary>
    public required ImmutableArray<string> ControlsMissing { get; init; }

    /// <summary>The risk-tracking decision that matches, if any.</summary>
    public TrackingDecision? Tracking { get; init; }

    /// <summary>Scores; inherent and residual.</summary>
    public required ThreatScore Score { get; init; }

    /// <summary>The rule's MLOps phase.</summary>
    public required MlopsPhase Phase { get; init; }

    /// <summary>ATLAS techniques, primary first.</summary>
    public required ImmutableArray<string> Techniques { get; init; }

    /// <summary>ATLAS tactics of the techniques, in matrix order.</summary>
    public required ImmutableArray<string> Tactics { get; init; }

    /// <summary>ATLAS case studies the rule names as precedents.</summary>
    public required ImmutableArray<string> Precedents { get; init; }

    /// <summary>Scan rule globs that would support the threat.</summary>
    public required ImmutableArray<string> Evidence { get; init; }

    /// <summary>Whether a scan finding on the component supports the threat (see <see cref="SupportingFindings"/>).</summary>
    public bool Observed => !SupportingFindings.IsDefaultOrEmpty;

    /// <summary>The scan findings on the component that support the threat, worst first; empty without a scan.</summary>
    public ImmutableArray<EvidenceFinding> SupportingFindings { get; init; } = [];

    /// <summary>Whether the threat is still open: it applies, is not mitigated and no honoured decision closes it.</summary>
    public bool IsOpen => Applicability == Applicability.Applies && Mitigation != MitigationStatus.Mitigated
        && Tracking is not { Honoured: true, Entry.Status: RiskStatus.Mitigated or RiskStatus.FalsePositive };
}
