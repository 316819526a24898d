using System.Collections.Frozen;
using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning.Discovery;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Evidence;

/// <summary>
/// The findings of a scan, placed on the pipeline's components by their <c>sources</c>: a finding belongs to a
/// component when its path is one of the component's sources, inside a folder that is one, or matches one of its
/// globs (anchored at the scan root, <c>*</c> within a folder, <c>**</c> across folders). A threat is
/// <em>observed</em> when a finding on its component supports it.
/// </summary>
public sealed class ScanEvidence
{
    private readonly FrozenDictionary<string, ImmutableArray<EvidenceFinding>> _byComponent;

    private ScanEvidence(ImmutableArray<EvidenceFinding> findings, FrozenDictionary<string, ImmutableArray<EvidenceFinding>> byComponent)
    {
        Findings = findings;
        _byComponent = byComponent;
    }

    /// <summary>No scan: nothing is observed.</summary>
    public static ScanEvidence None { get; } = new([], FrozenDictionary<string, ImmutableArray<EvidenceFinding>>.Empty);

    /// <summary>Every finding of the scan, in the scan's order.</summary>
    public ImmutableArray<EvidenceFinding> Findings { get; }

    /// <summary>Findings under no component's sources: the model does not say where they belong.</summary>
    public ImmutableArray<EvidenceFinding> Unplaced { get; private init; } = [];

    /// <summary>Places <paramref name="findings"/> on the components of <paramref name="model"/>.</summary>
    public static ScanEvidence Place(PipelineModel model, IEnumerable<EvidenceFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(findings);
        var all = findings.ToImmutableArray();
        var sources = model.Components
            .Select(c => (c.Id, Patterns: c.Sources.Select(s => GlobPattern.TryParse("/" + s.Trim().TrimStart('/'))).OfType<GlobPattern>().ToList()))
            .Where(c => c.Patterns.Count > 0)
            .ToList();
        var byComponent = new Dictionary<string, List<EvidenceFinding>>(StringComparer.Ordinal);
        var unplaced = ImmutableArray.CreateBuilder<EvidenceFinding>();
        foreach (var finding in all)
        {
            var placed = false;
            foreach (var (id, patterns) in sources)
            {
                if (patterns.Any(p => Covers(p, finding.Path)))
                {
                    placed = true;
                    if (!byComponent.TryGetValue(id, out var list))
                    {
                        byComponent[id] = list = [];
                    }

                    list.Add(finding);
                }
            }

            if (!placed)
            {
                unplaced.Add(finding);
            }
        }

        var frozen = byComponent.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal);
        return new ScanEvidence(all, frozen) { Unplaced = unplaced.ToImmutable() };
    }

    /// <summary>Places the findings of a scan run in this process.</summary>
    public static ScanEvidence Place(PipelineModel model, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return Place(model, findings.Select(EvidenceFinding.From));
    }

    /// <summary>The findings placed on a component (empty without sources or findings).</summary>
    public ImmutableArray<EvidenceFinding> For(string componentId) =>
        _byComponent.TryGetValue(componentId, out var list) ? list : [];

    /// <summary>
    /// The findings on <paramref name="componentId"/> that support a threat: those whose rule matches one of
    /// <paramref name="rulePatterns"/>, or, when the threat names no rule patterns, those that name one of
    /// <paramref name="techniques"/> (a parent technique matches its sub-techniques and the other way round).
    /// Ordered worst first, then by location and rule.
    /// </summary>
    public ImmutableArray<EvidenceFinding> Supporting(string componentId, IReadOnlyCollection<string> rulePatterns, IReadOnlyCollection<string> techniques)
    {
        ArgumentNullException.ThrowIfNull(rulePatterns);
        ArgumentNullException.ThrowIfNull(techniques);
        return
        [
            .. For(componentId)
                .Where(f => rulePatterns.Count > 0
                    ? RuleIdPattern.IsMatchAny(rulePatterns, f.RuleId)
                    : f.Techniques.Any(t => techniques.Any(u => Related(t, u))))
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.DisplayLocation, StringComparer.Ordinal)
                .ThenBy(f => f.RuleId, StringComparer.Ordinal),
        ];
    }

    /// <summary>A path is covered by a pattern that matches it or one of its folders.</summary>
    private static bool Covers(GlobPattern pattern, string path)
    {
        if (pattern.IsMatch(path, isDirectory: false))
        {
            return true;
        }

        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            if (pattern.IsMatch(path[..slash], isDirectory: true))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Related(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal)
        || a.StartsWith(b + ".", StringComparison.Ordinal)
        || b.StartsWith(a + ".", StringComparison.Ordinal);
}
