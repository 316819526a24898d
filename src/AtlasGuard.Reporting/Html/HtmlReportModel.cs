using System.Globalization;
using System.Collections.Immutable;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Reporting.Navigator;

namespace AtlasGuard.Reporting.Html;

/// <summary>
/// Everything the HTML sections need, computed once from the result and the catalog: findings in report order,
/// findings per technique (exact and rolled up to the parent), technique ids the catalog does not know, rules by id.
/// All orders are ordinal or the catalog's, so the page is byte-identical for the same input.
/// </summary>
internal sealed class HtmlReportModel : IMatrixSource
{
    private readonly Dictionary<string, List<Finding>> _byTechnique;
    private readonly Dictionary<string, TechniqueStats> _rolled = new(StringComparer.Ordinal);

    public HtmlReportModel(ScanResult result, ReportContext context)
    {
        Result = result;
        Context = context;
        Catalog = context.Catalog;
        RootName = NavigatorLayerWriter.RootName(result.Root);
        Findings = [.. result.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f, FindingOrder.Instance)];
        Rules = result.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        _byTechnique = TechniqueIndex.Build(Findings, f => f.Techniques);
        UnknownTechniques = TechniqueIndex.Unknown(_byTechnique, Catalog);
        FoundTechniques = [.. _byTechnique.Keys.Where(id => Catalog.FindTechnique(id) is not null).Order(StringComparer.Ordinal)];
    }

    public ScanResult Result { get; }

    public ReportContext Context { get; }

    public AtlasCatalog Catalog { get; }

    /// <summary>The last segment of the scan root.</summary>
    public string RootName { get; }

    /// <summary>Findings, worst first, then in <see cref="FindingOrder"/>.</summary>
    public ImmutableArray<Finding> Findings { get; }

    /// <summary>The scan's rules by id.</summary>
    public IReadOnlyDictionary<string, RuleDescriptor> Rules { get; }

    /// <summary>Technique ids that findings name and the catalog does not know, ordered.</summary>
    public ImmutableArray<string> UnknownTechniques { get; }

    /// <summary>Catalog technique ids that findings name (exactly), ordered.</summary>
    public ImmutableArray<string> FoundTechniques { get; }

    /// <summary>Findings that name exactly this technique.</summary>
    public IReadOnlyList<Finding> FindingsOf(string techniqueId) => _byTechnique.GetValueOrDefault(techniqueId) ?? [];

    /// <summary>The technique's own findings and, for a parent, those of its sub-techniques, counted once.</summary>
    public TechniqueStats Rolled(string techniqueId)
    {
        if (!_rolled.TryGetValue(techniqueId, out var stats))
        {
            var findings = FindingsOf(techniqueId).Concat(Catalog.SubTechniquesOf(techniqueId).SelectMany(s => FindingsOf(s.Id)));
            _rolled[techniqueId] = stats = TechniqueStats.Of(findings);
        }

        return stats;
    }

    /// <summary>The technique's own findings only.</summary>
    public TechniqueStats Own(string techniqueId) => TechniqueStats.Of(FindingsOf(techniqueId));

    /// <summary>The tactics of a finding's techniques in matrix order (a sub-technique's are its parent's).</summary>
    public ImmutableArray<AtlasTactic> TacticsOf(Finding finding)
    {
        var ids = finding.Techniques.SelectMany(t => Catalog.TacticsOf(t)).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        return [.. Catalog.Tactics.Where(t => ids.Contains(t.Id))];
    }

    /// <summary>Found technique ids plus the parents of found sub-techniques, ordered: what the technique filter offers.</summary>
    public ImmutableArray<string> FilterTechniques() =>
    [
        .. FoundTechniques.Concat(UnknownTechniques)
            .Concat(FoundTechniques.Select(id => Catalog.FindTechnique(id)?.ParentId).OfType<string>())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
    ];

    /// <summary>A technique's display name, or a note that this ATLAS data version does not know it.</summary>
    public string NameOf(string techniqueId) => Catalog.DisplayName(techniqueId) ?? "not in ATLAS " + Catalog.Version;

    /// <summary>The number of findings of a severity.</summary>
    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);

    public string Noun => "finding";

    public string Colouring =>
        "A cell is coloured by the worst finding that names the technique or one of its sub-techniques; select a technique with findings to list them.";

    public string LegendLabel => "Severity colours";

    public IReadOnlyList<string> Levels { get; } = [.. SeveritiesWorstFirst.Select(s => s.ToWireName())];

    MatrixCell IMatrixSource.Rolled(string techniqueId) => Cell(Rolled(techniqueId));

    MatrixCell IMatrixSource.Own(string techniqueId) => Cell(Own(techniqueId));

    public int CountIn(AtlasTactic tactic) => TechniqueStats.Of(Catalog.TechniquesOf(tactic.Id).SelectMany(t =>
        FindingsOf(t.Id).Concat(Catalog.SubTechniquesOf(t.Id).SelectMany(s => FindingsOf(s.Id))))).Count;

    /// <summary>Severities worst first.</summary>
    public static IReadOnlyList<Severity> SeveritiesWorstFirst { get; } = [.. Enum.GetValues<Severity>().Reverse()];

    private static MatrixCell Cell(TechniqueStats stats) => stats.Count == 0
        ? MatrixCell.Empty
        : new MatrixCell(stats.Count, stats.SeverityName, string.Create(CultureInfo.InvariantCulture,
            $"{NavigatorCells.Plural(stats.Count, "finding")}, worst {stats.SeverityName}; rules: {string.Join(", ", stats.Rules)}"), false);
}
