using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Expressions;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Rules;

namespace AtlasGuard.ThreatModel.Scoring;

/// <summary>
/// Likelihood = base + (true <c>up</c> conditions) − (true <c>down</c> conditions) + maturity nudge of the primary
/// technique (realized +1, demonstrated 0, feasible −1; a sub-technique without maturity uses its parent's), clamped
/// to 1..4; a threat a scan finding supports (observed) has likelihood 4. Impact = the rule's impact expression (a number, or a scale word through <see cref="RiskScale"/>),
/// clamped; 2 when unknown. Risk = likelihood × impact. Residual: a mitigated threat keeps its impact with
/// likelihood 1; an honoured false-positive decision gives 0; otherwise residual = inherent.
/// </summary>
internal static class ThreatScorer
{
    public const int AssumedImpact = 2;

    /// <summary>The likelihood of an observed threat: it is no longer a possibility.</summary>
    public const int ObservedLikelihood = 4;

    public static int MaturityNudge(AtlasCatalog catalog, string techniqueId)
    {
        var technique = catalog.FindTechnique(techniqueId);
        var maturity = technique?.Maturity ?? AtlasMaturity.Unknown;
        if (maturity == AtlasMaturity.Unknown && technique?.ParentId is { } parent)
        {
            maturity = catalog.FindTechnique(parent)?.Maturity ?? AtlasMaturity.Unknown;
        }

        return maturity switch
        {
            AtlasMaturity.Realized => 1,
            AtlasMaturity.Feasible => -1,
            _ => 0,
        };
    }

    public static int Likelihood(ThreatRule rule, int maturityNudge, IExpressionContext context)
    {
        var level = rule.LikelihoodBase + maturityNudge;
        foreach (var up in rule.LikelihoodUp)
        {
            level += up.EvaluateCondition(context).IsTrue ? 1 : 0;
        }

        foreach (var down in rule.LikelihoodDown)
        {
            level -= down.EvaluateCondition(context).IsTrue ? 1 : 0;
        }

        return RiskScale.Clamp(level);
    }

    public static (int Impact, bool Assumed) Impact(ThreatRule rule, IExpressionContext context)
    {
        var value = rule.Impact.Evaluate(context).Value;
        return value.Kind switch
        {
            ExprValueKind.Number => (RiskScale.Clamp((int)Math.Round(value.AsNumber())), false),
            ExprValueKind.String when RiskScale.TryLevel(value.AsString(), out var level) => (level, false),
            ExprValueKind.Missing or ExprValueKind.Null => (AssumedImpact, true),
            _ => throw new ExpressionEvaluationException($"The impact must be a number 1-4 or a scale word, not '{value}'.", 0),
        };
    }

    public static ThreatScore Score(int likelihood, (int Impact, bool Assumed) impact, MitigationStatus mitigation, TrackingDecision? tracking)
    {
        var risk = likelihood * impact.Impact;
        var residual = risk;
        if (tracking is { Honoured: true, Entry.Status: RiskStatus.FalsePositive })
        {
            residual = 0;
        }
        else if (mitigation == MitigationStatus.Mitigated || tracking is { Honoured: true, Entry.Status: RiskStatus.Mitigated })
        {
            residual = impact.Impact;
        }

        return new ThreatScore(likelihood, impact.Impact, risk, RiskScale.Band(risk), residual, RiskScale.Band(residual), impact.Assumed);
    }
}
