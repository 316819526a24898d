using System.Collections.Immutable;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Reporting.Html;

/// <summary>What the findings say about one technique: how many, how bad, which rules.</summary>
/// <param name="Count">Distinct findings.</param>
/// <param name="Worst">The worst severity, or null without findings.</param>
/// <param name="Rules">Rule ids, ordered.</param>
internal sealed record TechniqueStats(int Count, Severity? Worst, ImmutableArray<string> Rules)
{
    public static TechniqueStats None { get; } = new(0, null, []);

    /// <summary>The <c>data-severity</c> value: the worst severity's wire name, or <c>none</c>.</summary>
    public string SeverityName => Worst?.ToWireName() ?? "none";

    public static TechniqueStats Of(IEnumerable<Finding> findings)
    {
        // The same finding object, reached through a technique and its parent, counts once.
        var list = new HashSet<Finding>(findings, ReferenceEqualityComparer.Instance).ToList();
        return list.Count == 0
            ? None
            : new TechniqueStats(list.Count, list.Max(f => f.Severity),
                [.. list.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }
}
