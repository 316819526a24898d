using System.Collections.Immutable;
using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Paths;

/// <summary>
/// Depth-first search over (threat, tactic) nodes per attacker. Entry: a threat on a component exposed to the
/// internet or partners, or any threat of an attacker with supplier or insider access. A step may follow when its
/// tactic comes later in the matrix (the earliest such tactic of the threat, or Impact) and it is on the same
/// component or one reached by a flow; an entry threat starts at its earliest tactic. A path ends at an Impact-tactic
/// step; a threat appears at most once in a path, and of paths through the same threats only the first
/// (by key) is kept. Paths are scored by the sum of their steps' risk and cut to the bounds; ties break on keys.
/// </summary>
internal static class AttackPathFinder
{
    private const string ImpactTactic = "AML.TA0011";

    public static ImmutableArray<AttackPath> Find(PipelineModel model, ImmutableArray<Threat> threats, AtlasCatalog catalog, AttackPathOptions options)
    {
        var order = catalog.Tactics.ToDictionary(t => t.Id, t => t.Order, StringComparer.Ordinal);
        var adjacent = model.Flows.GroupBy(f => f.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.To).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var byKey = threats.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var found = new List<AttackPath>();
        var budget = new Budget { Left = options.MaxExpansions };
        foreach (var group in threats.Where(t => t.Applicability == Applicability.Applies
                     && t.Tracking is not { Honoured: true, Entry.Status: RiskStatus.FalsePositive })
                     .GroupBy(t => t.AttackerId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var profile = model.FindProfile(group.Key);
            var insideOrSupplier = profile is not null && (profile.Access.Insider != "none" || !profile.Access.Supplier.IsDefaultOrEmpty);
            var nodes = group.SelectMany(t => NodesOf(t, catalog, order))
                .OrderBy(n => n.Order).ThenBy(n => n.Threat.Key, StringComparer.Ordinal).ToList();
            var byComponent = nodes.GroupBy(n => n.Threat.ComponentId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var stack = new List<Node>();
            foreach (var entry in nodes.Where(n => insideOrSupplier || IsExposed(model, n.Threat.ComponentId)).DistinctBy(n => n.Threat))
            {
                stack.Add(entry);
                Extend(stack, byComponent, adjacent, options, found, budget);
                stack.RemoveAt(stack.Count - 1);
            }
        }

        return
        [
            .. found.Select(p => (Path: p, p.Key, p.ThreatsKey))
                .OrderByDescending(p => p.Path.Risk).ThenBy(p => p.Path.Steps.Length).ThenBy(p => p.Key, StringComparer.Ordinal)
                .DistinctBy(p => p.ThreatsKey, StringComparer.Ordinal).Take(options.MaxPaths)
                .Select(p => p.Path with { SimilarCaseStudies = CaseStudies(p.Path, byKey, catalog, options.MaxCaseStudies) }),
        ];
    }

    private static void Extend(List<Node> stack, Dictionary<string, List<Node>> byComponent, Dictionary<string, HashSet<string>> adjacent,
        AttackPathOptions options, List<AttackPath> found, Budget budget)
    {
        if (--budget.Left < 0)
        {
            return;
        }

        var last = stack[^1];
        if (last.Tactic == ImpactTactic && stack.Count >= 2)
        {
            found.Add(ToPath(stack));
            return;
        }

        if (stack.Count >= options.MaxLength)
        {
            return;
        }

        // Same component first, then the components flows lead to, in id order; each list is in tactic order.
        var here = last.Threat.ComponentId;
        Try(byComponent.GetValueOrDefault(here));
        if (adjacent.TryGetValue(here, out var to))
        {
            foreach (var next in to.Where(c => c != here).Order(StringComparer.Ordinal))
            {
                Try(byComponent.GetValueOrDefault(next));
            }
        }

        void Try(List<Node>? candidates)
        {
            // Each threat enters at its earliest tactic after the last step, or at Impact to end the path; other
            // tactic variants of the same threat would only repeat the path.
            var entered = new HashSet<Threat>();
            foreach (var next in candidates ?? [])
            {
                if (next.Order > last.Order && (next.Tactic == ImpactTactic || entered.Add(next.Threat))
                    && !stack.Exists(n => n.Threat == next.Threat))
                {
                    stack.Add(next);
                    Extend(stack, byComponent, adjacent, options, found, budget);
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }
    }

    private static bool IsExposed(PipelineModel model, string componentId) =>
        model.FindComponent(componentId)?.Exposure is Exposure.Internet or Exposure.Partner;

    private static AttackPath ToPath(List<Node> stack) => new(
        stack[0].Threat.AttackerId,
        [.. stack.Select(n => new AttackPathStep(n.Threat.Key, n.Threat.RuleId, n.Threat.ComponentId, n.Tactic, n.Technique, n.Threat.Score.Risk))],
        stack.Sum(n => n.Threat.Score.Risk),
        []);

    // Shared techniques are counted over every technique of the path's threats, not only the step techniques.
    private static ImmutableArray<CaseStudyMatch> CaseStudies(AttackPath path, Dictionary<string, Threat> byKey, AtlasCatalog catalog, int max)
    {
        var techniques = path.Steps.SelectMany(s => byKey[s.ThreatKey].Techniques).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. catalog.CaseStudies
                .Select(c => (Study: c, Shared: c.Steps.Select(s => s.TechniqueId).Where(techniques.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray()))
                .Where(m => m.Shared.Length > 0)
                .OrderByDescending(m => m.Shared.Length).ThenBy(m => m.Study.Id, StringComparer.Ordinal)
                .Take(max)
                .Select(m => new CaseStudyMatch(m.Study.Id, m.Study.Name, m.Shared)),
        ];
    }

    // One node per tactic of the threat, carrying the first of the rule's techniques that belongs to that tactic.
    private static IEnumerable<Node> NodesOf(Threat threat, AtlasCatalog catalog, Dictionary<string, int> order) =>
        threat.Techniques
            .SelectMany(technique => catalog.TacticsOf(technique).Where(t => order.ContainsKey(t.Id)).Select(t => new Node(threat, t.Id, order[t.Id], technique)))
            .DistinctBy(n => n.Tactic);

    private sealed record Node(Threat Threat, string Tactic, int Order, string Technique);

    private sealed class Budget
    {
        public int Left;
    }
}
