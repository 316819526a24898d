using System.Collections.Immutable;
using System.Globalization;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Reporting.Navigator;

/// <summary>What the findings say about one technique.</summary>
/// <param name="Count">Findings that name the technique.</param>
/// <param name="Worst">The worst severity among them.</param>
/// <param name="Rules">The rule ids, ordered.</param>
/// <param name="Comment">Rule ids and the first paths, for the cell's tooltip.</param>
internal sealed record TechniqueTally(int Count, Severity Worst, ImmutableArray<string> Rules, string Comment);

/// <summary>One entry of the layer's <c>techniques</c> array.</summary>
/// <param name="TechniqueId">A catalog technique or sub-technique id.</param>
/// <param name="Tactic">The tactic's Navigator short name; null for a sub-technique (it shows under every tactic of its parent).</param>
/// <param name="Tally">What the technique scores, or null for a parent listed only to expand its sub-techniques.</param>
/// <param name="ShowSubtechniques">True for a parent of a technique that is scored.</param>
internal sealed record NavigatorCell<T>(string TechniqueId, string? Tactic, T? Tally, bool ShowSubtechniques)
    where T : class;

/// <summary>
/// Maps findings to Navigator cells: a parent technique gets one cell per tactic (the Navigator's per-tactic
/// form), a sub-technique one cell without a tactic plus its parent's cells with <c>showSubtechniques</c>. Ids the
/// catalog does not know are skipped and listed, never fatal.
/// </summary>
internal sealed class NavigatorCells
{
    /// <summary>How many "rule in path" pairs a comment lists before "… and N more".</summary>
    public const int MaxPathsInComment = 5;

    private NavigatorCells(ImmutableArray<NavigatorCell<TechniqueTally>> cells, ImmutableArray<string> skipped, int scoredTechniques)
    {
        Cells = cells;
        Skipped = skipped;
        ScoredTechniques = scoredTechniques;
    }

    /// <summary>Cells ordered by technique id (a parent before its sub-techniques), then tactic in matrix order.</summary>
    public ImmutableArray<NavigatorCell<TechniqueTally>> Cells { get; }

    /// <summary>Technique ids named by findings that the catalog does not know, ordered.</summary>
    public ImmutableArray<string> Skipped { get; }

    /// <summary>How many distinct catalog techniques the findings name.</summary>
    public int ScoredTechniques { get; }

    /// <summary>The largest finding count of any technique (0 without findings).</summary>
    public int MaxCount => Cells.Select(c => c.Tally?.Count ?? 0).DefaultIfEmpty(0).Max();

    public static NavigatorCells Build(ScanResult result, AtlasCatalog catalog)
    {
        var byTechnique = TechniqueIndex.Build(result.Findings, f => f.Techniques);
        var (cells, skipped) = Place(byTechnique.ToDictionary(p => p.Key, p => Tally(p.Value), StringComparer.Ordinal), catalog);
        return new NavigatorCells(cells, skipped, cells.Where(c => c.Tally is not null).Select(c => c.TechniqueId).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>
    /// Lays scored techniques out as Navigator cells: a parent once per tactic, a sub-technique once without a
    /// tactic plus its parent's cells with <c>showSubtechniques</c>; ids the catalog does not know are skipped.
    /// </summary>
    public static (ImmutableArray<NavigatorCell<T>> Cells, ImmutableArray<string> Skipped) Place<T>(
        IReadOnlyDictionary<string, T> scored, AtlasCatalog catalog)
        where T : class
    {
        var skipped = new List<string>();
        var tallies = new Dictionary<string, T>(StringComparer.Ordinal);
        var expanded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, tally) in scored.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var technique = catalog.FindTechnique(id);
            if (technique is null || (technique.ParentId is { } p && catalog.FindTechnique(p) is null))
            {
                skipped.Add(id);
                continue;
            }

            tallies[id] = tally;
            if (technique.ParentId is { } parent)
            {
                expanded.Add(parent);
            }
        }

        var cells = new List<NavigatorCell<T>>();
        foreach (var id in tallies.Keys.Union(expanded).Order(StringComparer.Ordinal))
        {
            var tally = tallies.GetValueOrDefault(id);
            if (catalog.FindTechnique(id)!.IsSubTechnique)
            {
                cells.Add(new NavigatorCell<T>(id, null, tally, false));
                continue;
            }

            var tactics = catalog.TacticsOf(id);
            if (tactics.IsEmpty)
            {
                cells.Add(new NavigatorCell<T>(id, null, tally, expanded.Contains(id)));
            }

            cells.AddRange(tactics.Select(t => new NavigatorCell<T>(id, t.ShortName, tally, expanded.Contains(id))));
        }

        return ([.. cells], [.. skipped]);
    }

    private static TechniqueTally Tally(List<Finding> findings)
    {
        var worst = findings.Max(f => f.Severity);
        var rules = findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var pairs = findings.Select(f => f.RuleId + " in " + f.Location.DisplayPath).Distinct(StringComparer.Ordinal).ToList();
        var comment = string.Create(CultureInfo.InvariantCulture,
            $"{Plural(findings.Count, "finding")}, worst {worst.ToWireName()}: {string.Join("; ", pairs.Take(MaxPathsInComment))}");
        if (pairs.Count > MaxPathsInComment)
        {
            comment += string.Create(CultureInfo.InvariantCulture, $"; … and {pairs.Count - MaxPathsInComment} more");
        }

        return new TechniqueTally(findings.Count, worst, rules, comment);
    }

    public static string Plural(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}
