using System.Collections.Immutable;
using System.Globalization;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Reporting.Html;
using AtlasGuard.Reporting.Navigator;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Scoring;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// The threats of a model per ATLAS technique, for the matrix of the HTML report and the Navigator layer: the
/// counted threats (<see cref="ThreatModelReport.Counts"/>) that name each technique, coloured by the highest
/// residual risk band, with "observed" when a scan finding supports one of them.
/// </summary>
internal sealed class ThreatMatrix : IMatrixSource
{
    private readonly Dictionary<string, List<Threat>> _byTechnique;

    public ThreatMatrix(ThreatModelReport report)
    {
        Catalog = report.Catalog;
        _byTechnique = TechniqueIndex.Build(report.Result.Threats.Where(ThreatModelReport.Counts), t => t.Techniques);
        UnknownTechniques = TechniqueIndex.Unknown(_byTechnique, Catalog);
    }

    public AtlasCatalog Catalog { get; }

    public string Noun => "threat";

    public string Colouring =>
        "A cell is coloured by the highest residual risk band of the applicable threats that name the technique or one of its "
        + "sub-techniques and shows how many they are; \u201Cobserved\u201D marks a technique a scan finding supports.";

    public string LegendLabel => "Residual risk bands";

    public IReadOnlyList<string> Levels { get; } = [.. Enum.GetValues<RiskBand>().Reverse().Select(ThreatModelSummary.BandName)];

    public ImmutableArray<string> UnknownTechniques { get; }

    /// <summary>Technique ids (catalog or not) that counted threats name, ordered.</summary>
    public IEnumerable<string> Techniques => _byTechnique.Keys.Order(StringComparer.Ordinal);

    /// <summary>The counted threats that name exactly this technique, in result order.</summary>
    public IReadOnlyList<Threat> ThreatsOf(string techniqueId) => _byTechnique.GetValueOrDefault(techniqueId) ?? [];

    public MatrixCell Rolled(string techniqueId) =>
        Cell(ThreatsOf(techniqueId).Concat(Catalog.SubTechniquesOf(techniqueId).SelectMany(s => ThreatsOf(s.Id))));

    public MatrixCell Own(string techniqueId) => Cell(ThreatsOf(techniqueId));

    public int CountIn(AtlasTactic tactic) => Distinct(Catalog.TechniquesOf(tactic.Id).SelectMany(t =>
        ThreatsOf(t.Id).Concat(Catalog.SubTechniquesOf(t.Id).SelectMany(s => ThreatsOf(s.Id))))).Count;

    /// <summary>The highest residual risk of the threats (0 for none).</summary>
    public static int HighestResidual(IEnumerable<Threat> threats) => threats.Select(t => t.Score.ResidualRisk).DefaultIfEmpty(0).Max();

    private static MatrixCell Cell(IEnumerable<Threat> threats)
    {
        var list = Distinct(threats);
        if (list.Count == 0)
        {
            return MatrixCell.Empty;
        }

        var highest = HighestResidual(list);
        var band = ThreatModelSummary.BandName(RiskScale.Band(highest));
        var rules = list.Select(t => t.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var observed = list.Any(t => t.Observed);
        var tooltip = string.Create(CultureInfo.InvariantCulture,
            $"{NavigatorCells.Plural(list.Count, "threat")}, highest residual risk {highest} ({band}){(observed ? ", observed" : "")}; rules: {string.Join(", ", rules)}");
        return new MatrixCell(list.Count, band, tooltip, observed);
    }

    // A threat reached through a technique and its parent counts once.
    private static List<Threat> Distinct(IEnumerable<Threat> threats) => [.. new HashSet<Threat>(threats, ReferenceEqualityComparer.Instance)];
}
