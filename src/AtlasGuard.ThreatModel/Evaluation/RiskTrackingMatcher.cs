using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Rules;

namespace AtlasGuard.ThreatModel.Evaluation;

/// <summary>
/// Finds the risk-tracking decision for a threat. An entry's threat part matches the rule id, one of the rule's
/// techniques, or <c>*</c>; component and profile match exactly or <c>*</c>. Of several matches the most specific
/// wins (rule id over technique over <c>*</c>, then exact component, then exact profile), unexpired before expired,
/// then document order.
/// </summary>
internal sealed class RiskTrackingMatcher(IReadOnlyList<RiskTrackingEntry> entries, DateOnly today)
{
    public TrackingDecision? Match(ThreatRule rule, string componentId, string profileId)
    {
        RiskTrackingEntry? best = null;
        var bestRank = int.MinValue;
        foreach (var entry in entries)
        {
            var threatRank = entry.ThreatId == rule.Id ? 2
                : rule.Techniques.Contains(entry.ThreatId, StringComparer.Ordinal) ? 1
                : entry.ThreatId == "*" ? 0 : -1;
            if (threatRank < 0 || !Fits(entry.ComponentId, componentId) || !Fits(entry.ProfileId, profileId))
            {
                continue;
            }

            var rank = (IsExpired(entry) ? 0 : 100) + (threatRank * 10) + (entry.ComponentId == "*" ? 0 : 2) + (entry.ProfileId == "*" ? 0 : 1);
            if (rank > bestRank)
            {
                best = entry;
                bestRank = rank;
            }
        }

        return best is null ? null : new TrackingDecision(best, IsExpired(best));
    }

    public bool IsExpired(RiskTrackingEntry entry) => entry.Expires is { } expires && expires < today;

    private static bool Fits(string pattern, string id) => pattern == "*" || pattern == id;
}
