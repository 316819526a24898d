using System.Collections.Immutable;
using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Evidence;
using AtlasGuard.ThreatModel.Expressions;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Profiles;
using AtlasGuard.ThreatModel.Rules;
using AtlasGuard.ThreatModel.Scoring;

namespace AtlasGuard.ThreatModel.Evaluation;

/// <summary>
/// One rule over the model: <c>applies_if</c> once per component when it does not look at the attacker, then
/// <c>attacker_if</c> per profile; Kleene-combined so that false wins over unknown, and unknown gives
/// needs-information with the missing paths.
/// </summary>
internal sealed class RuleEvaluator(ModelIndex index, AtlasCatalog catalog, RiskTrackingMatcher tracking, ScanEvidence evidence)
{
    private readonly PipelineModel _model = index.Model;

    /// <summary>Adds the rule's threats; returns how many combinations did not apply.</summary>
    public int Evaluate(ThreatRule rule, List<Threat> threats, List<EvaluationDiagnostic> diagnostics)
    {
        var notApplicable = 0;
        var profiles = _model.AttackerProfiles;
        var attackerFree = !LooksAtAttacker(rule.AppliesIf);
        var nudge = ThreatScorer.MaturityNudge(catalog, rule.Techniques[0]);
        var tactics = TacticsOf(rule);
        foreach (var component in _model.Components)
        {
            if (!rule.Targets.Contains(component.Type))
            {
                continue;
            }

            try
            {
                ExpressionResult? shared = null;
                if (attackerFree)
                {
                    shared = rule.AppliesIf.EvaluateCondition(new RuleContext(index, component, null));
                    if (shared.Value.IsFalse)
                    {
                        notApplicable += profiles.Length;
                        continue;
                    }
                }

                foreach (var profile in profiles)
                {
                    var threat = EvaluateOne(rule, component, profile, shared, nudge, tactics);
                    if (threat is null)
                    {
                        notApplicable++;
                    }
                    else
                    {
                        threats.Add(threat);
                    }
                }
            }
            catch (Exception e) when (e is ExpressionEvaluationException or InvalidOperationException or FormatException)
            {
                diagnostics.Add(new EvaluationDiagnostic(rule.Id, component.Id, null, e.Message));
            }
        }

        return notApplicable;
    }

    private Threat? EvaluateOne(ThreatRule rule, Component component, AttackerProfile profile, ExpressionResult? shared,
        int nudge, ImmutableArray<string> tactics)
    {
        var context = new RuleContext(index, component, profile);
        var system = shared ?? rule.AppliesIf.EvaluateCondition(context);
        if (system.IsFalse)
        {
            return null;
        }

        var attacker = rule.AttackerIf.EvaluateCondition(context);
        if (attacker.IsFalse)
        {
            return null;
        }

        var applicability = system.IsTrue && attacker.IsTrue ? Applicability.Applies : Applicability.NeedsInformation;
        ImmutableArray<string> missing = applicability == Applicability.Applies
            ? []
            : [.. system.MissingPaths.Concat(attacker.MissingPaths).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

        var mitigation = Mitigation(rule, context);
        var decision = tracking.Match(rule, component.Id, profile.Id);
        var supporting = evidence.Supporting(component.Id, rule.Evidence, rule.Techniques);
        var likelihood = supporting.IsEmpty ? ThreatScorer.Likelihood(rule, nudge, context) : ThreatScorer.ObservedLikelihood;
        var score = ThreatScorer.Score(likelihood, ThreatScorer.Impact(rule, context), mitigation, decision);
        var present = ImmutableArray.CreateBuilder<string>();
        var planned = ImmutableArray.CreateBuilder<string>();
        var absent = ImmutableArray.CreateBuilder<string>();
        foreach (var m in rule.Mitigations)
        {
            var list = index.HasControl(component.Id, m, countPlanned: false) ? present
                : index.HasControl(component.Id, m, countPlanned: true, onlyPlanned: true) ? planned : absent;
            list.Add(m);
        }

        return new Threat
        {
            RuleId = rule.Id, Title = rule.Title, ComponentId = component.Id, AttackerId = profile.Id,
            Applicability = applicability, MissingPaths = missing, Mitigation = mitigation,
            ControlsPresent = present.ToImmutable(), ControlsPlanned = planned.ToImmutable(), ControlsMissing = absent.ToImmutable(),
            Tracking = decision, Score = score, Phase = rule.Phase, Techniques = rule.Techniques, Tactics = tactics,
            Precedents = rule.Precedents, Evidence = rule.Evidence, SupportingFindings = supporting,
        };
    }

    private static MitigationStatus Mitigation(ThreatRule rule, RuleContext context)
    {
        if (rule.MitigatedWhen.EvaluateCondition(context).IsTrue)
        {
            return MitigationStatus.Mitigated;
        }

        context.CountPlanned = true;
        try
        {
            return rule.MitigatedWhen.EvaluateCondition(context).IsTrue ? MitigationStatus.Planned : MitigationStatus.Missing;
        }
        finally
        {
            context.CountPlanned = false;
        }
    }

    private ImmutableArray<string> TacticsOf(ThreatRule rule) =>
    [
        .. rule.Techniques.SelectMany(t => catalog.TacticsOf(t)).DistinctBy(t => t.Id)
            .OrderBy(t => t.Order).Select(t => t.Id),
    ];

    private static bool LooksAtAttacker(Expression expression) =>
        expression.Roots.Contains("attacker") || expression.Functions.Any(f => f.Name == HostFunctions.HasModelAccess);
}
