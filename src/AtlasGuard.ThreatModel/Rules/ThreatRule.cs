using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.ThreatModel.Expressions;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Rules;

/// <summary>
/// One threat rule: which ATLAS techniques reach which component types, when it applies (<see cref="AppliesIf"/>
/// on the system, <see cref="AttackerIf"/> on the attacker), how likely and how bad it is, and when it counts as
/// mitigated (<see cref="MitigatedWhen"/>). Rules are data (<c>Rules/Data/threat-rules.yaml</c>).
/// </summary>
public sealed record ThreatRule
{
    /// <summary>Stable id, <c>TM-&lt;AREA&gt;-NNN</c>.</summary>
    public required string Id { get; init; }

    /// <summary>One-line title.</summary>
    public required string Title { get; init; }

    /// <summary>ATLAS technique ids, the most specific first; the first is the primary technique.</summary>
    public required ImmutableArray<string> Techniques { get; init; }

    /// <summary>The MLOps phase the threat belongs to.</summary>
    public required MlopsPhase Phase { get; init; }

    /// <summary>Component types the rule is evaluated on.</summary>
    public required ImmutableArray<ComponentType> Targets { get; init; }

    /// <summary>Condition on the system (component, its model, assets).</summary>
    public required Expression AppliesIf { get; init; }

    /// <summary>Condition on the attacker profile.</summary>
    public required Expression AttackerIf { get; init; }

    /// <summary>Base likelihood, 1 to 4, before modifiers and the ATLAS maturity nudge.</summary>
    public required int LikelihoodBase { get; init; }

    /// <summary>Each true condition raises the likelihood by one.</summary>
    public required ImmutableArray<Expression> LikelihoodUp { get; init; }

    /// <summary>Each true condition lowers the likelihood by one.</summary>
    public required ImmutableArray<Expression> LikelihoodDown { get; init; }

    /// <summary>Expression giving the impact, a number 1 to 4 or a scale word.</summary>
    public required Expression Impact { get; init; }

    /// <summary>ATLAS mitigation ids that address the threat.</summary>
    public required ImmutableArray<string> Mitigations { get; init; }

    /// <summary>Condition over declared controls; by default any of <see cref="Mitigations"/> declared.</summary>
    public required Expression MitigatedWhen { get; init; }

    /// <summary>ATLAS case study ids where this happened.</summary>
    public required ImmutableArray<string> Precedents { get; init; }

    /// <summary>Scan rule id globs (for example <c>AG-MDL-*</c>) whose findings would show the threat observed.</summary>
    public required ImmutableArray<string> Evidence { get; init; }

    /// <summary>Why the rule exists, one line.</summary>
    public required string Rationale { get; init; }

    /// <summary>Where the rule starts in its file.</summary>
    public SourcePosition Position { get; init; }
}
