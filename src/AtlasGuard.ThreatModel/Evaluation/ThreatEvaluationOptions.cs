using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Evidence;
using AtlasGuard.ThreatModel.Paths;
using AtlasGuard.ThreatModel.Rules;

namespace AtlasGuard.ThreatModel.Evaluation;

/// <summary>What to evaluate with; every member has a default.</summary>
public sealed record ThreatEvaluationOptions
{
    /// <summary>The defaults: built-in rules, the embedded catalog, the system clock.</summary>
    public static ThreatEvaluationOptions Default { get; } = new();

    /// <summary>The rules; null means <see cref="ThreatRuleSet.Embedded"/>.</summary>
    public ThreatRuleSet? Rules { get; init; }

    /// <summary>The ATLAS catalog; null means <see cref="AtlasCatalog.Embedded"/>.</summary>
    public AtlasCatalog? Catalog { get; init; }

    /// <summary>The clock used to tell expired risk-tracking decisions.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Bounds of the attack-path search.</summary>
    public AttackPathOptions PathOptions { get; init; } = AttackPathOptions.Default;

    /// <summary>Scan findings placed on the model's components; a threat they support is observed.</summary>
    public ScanEvidence Evidence { get; init; } = ScanEvidence.None;
}
