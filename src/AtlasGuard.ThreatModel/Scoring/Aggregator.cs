using System.Collections.Immutable;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Scoring;

/// <summary>Sums applicable threats (honoured false positives left out) per phase, tactic and component.</summary>
internal static class Aggregator
{
    public static ThreatAggregates Aggregate(IEnumerable<Threat> threats)
    {
        var counted = threats.Where(t => t.Applicability == Applicability.Applies
            && t.Tracking is not { Honoured: true, Entry.Status: RiskStatus.FalsePositive }).ToList();
        return new ThreatAggregates(
            Group(counted.Select(t => (t.Phase.ToWireName(), t))),
            Group(counted.SelectMany(t => t.Tactics.Select(tactic => (tactic, t)))),
            Group(counted.Select(t => (t.ComponentId, t))));
    }

    private static ImmutableArray<RiskAggregate> Group(IEnumerable<(string Key, Threat Threat)> items) =>
    [
        .. items.GroupBy(p => p.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var max = g.Max(p => p.Threat.Score.Risk);
                return new RiskAggregate(g.Key, g.Count(), g.Count(p => p.Threat.IsOpen), max, RiskScale.Band(max),
                    g.Sum(p => p.Threat.Score.Risk), g.Sum(p => p.Threat.Score.ResidualRisk));
            }),
    ];
}
