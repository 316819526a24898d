using System.Collections.Immutable;

namespace AtlasGuard.ThreatModel.Paths;

/// <summary>Bounds of the attack-path search.</summary>
public sealed record AttackPathOptions
{
    /// <summary>Defaults: paths of 2 to 6 steps, at most 25 paths, 50,000 search steps.</summary>
    public static AttackPathOptions Default { get; } = new();

    /// <summary>The longest path, in steps.</summary>
    public int MaxLength { get; init; } = 6;

    /// <summary>How many paths to return.</summary>
    public int MaxPaths { get; init; } = 25;

    /// <summary>How many partial paths the search may extend before it stops (keeps large models bounded).</summary>
    public int MaxExpansions { get; init; } = 50_000;

    /// <summary>How many similar case studies to attach to a path.</summary>
    public int MaxCaseStudies { get; init; } = 3;
}

/// <summary>One step: a threat, the tactic it plays in the path, and the rule technique of that tactic.</summary>
public sealed record AttackPathStep(string ThreatKey, string RuleId, string ComponentId, string TacticId, string TechniqueId, int Risk);

/// <summary>An ATLAS case study whose procedure shares techniques with the threats of a path.</summary>
public sealed record CaseStudyMatch(string Id, string Name, ImmutableArray<string> SharedTechniques);

/// <summary>
/// A chain of applicable threats of one attacker, in strictly increasing ATLAS tactic (matrix) order, from an entry
/// point to an Impact-tactic threat, each step on the same component as the previous one or on one a flow leads to.
/// </summary>
public sealed record AttackPath(
    string AttackerId,
    ImmutableArray<AttackPathStep> Steps,
    int Risk,
    ImmutableArray<CaseStudyMatch> SimilarCaseStudies)
{
    /// <summary>The step keys joined by " -> ", a stable identity for the path.</summary>
    public string Key => string.Join(" -> ", Steps.Select(s => s.ThreatKey + "#" + s.TacticId));

    internal string ThreatsKey => string.Join(" -> ", Steps.Select(s => s.ThreatKey));
}
