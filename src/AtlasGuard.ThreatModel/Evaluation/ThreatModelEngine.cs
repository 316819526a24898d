using System.Collections.Immutable;
using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Paths;
using AtlasGuard.ThreatModel.Scoring;

namespace AtlasGuard.ThreatModel.Evaluation;

/// <summary>
/// Evaluates every rule on every target component for every attacker profile of a pipeline model, scores the
/// threats, aggregates them and finds attack paths. Never throws for a rule that fails: it becomes a diagnostic.
/// </summary>
public static class ThreatModelEngine
{
    /// <summary>Evaluates <paramref name="model"/> with the given options (null for the defaults).</summary>
    public static ThreatModelResult Evaluate(PipelineModel model, ThreatEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= ThreatEvaluationOptions.Default;
        var rules = options.Rules ?? Rules.ThreatRuleSet.Embedded;
        var catalog = options.Catalog ?? AtlasCatalog.Embedded;
        var today = DateOnly.FromDateTime(options.Time.GetUtcNow().UtcDateTime);
        var tracking = new RiskTrackingMatcher(model.RiskTracking, today);
        var evaluator = new RuleEvaluator(new ModelIndex(model), catalog, tracking, options.Evidence);

        var threats = new List<Threat>();
        var diagnostics = new List<EvaluationDiagnostic>();
        var notApplicable = 0;
        foreach (var rule in rules.Rules)
        {
            notApplicable += evaluator.Evaluate(rule, threats, diagnostics);
        }

        ImmutableArray<Threat> sorted =
        [
            .. threats.OrderBy(t => t.RuleId, StringComparer.Ordinal)
                .ThenBy(t => t.ComponentId, StringComparer.Ordinal)
                .ThenBy(t => t.AttackerId, StringComparer.Ordinal),
        ];
        return new ThreatModelResult
        {
            ModelName = model.Metadata.Name,
            AtlasVersion = catalog.Version,
            Threats = sorted,
            NotApplicable = notApplicable,
            Aggregates = Aggregator.Aggregate(sorted),
            Paths = AttackPathFinder.Find(model, sorted, catalog, options.PathOptions),
            ExpiredDecisions = [.. model.RiskTracking.Where(tracking.IsExpired)],
            UnplacedFindings = options.Evidence.Unplaced,
            ScanFindings = options.Evidence.Findings.Length,
            Diagnostics =
            [
                .. diagnostics.OrderBy(d => d.RuleId, StringComparer.Ordinal)
                    .ThenBy(d => d.ComponentId, StringComparer.Ordinal)
                    .ThenBy(d => d.AttackerId, StringComparer.Ordinal),
            ],
        };
    }
}
