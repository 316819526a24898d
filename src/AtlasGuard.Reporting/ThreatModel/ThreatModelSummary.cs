using System.Collections.Immutable;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Scoring;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>An ATLAS mitigation and the residual risk of the open threats that lack it.</summary>
/// <param name="MitigationId">The mitigation id, e.g. <c>AML.M0019</c>.</param>
/// <param name="ResidualRisk">Summed residual risk of the open threats whose missing controls include it.</param>
/// <param name="Threats">How many open threats those are.</param>
public sealed record MitigationGain(string MitigationId, int ResidualRisk, int Threats);

/// <summary>
/// What every threat-model report shows besides the threats: counts, open threats per residual band, the top risks
/// and the cheapest mitigations (those that, declared, would close the most residual risk). Deterministic.
/// </summary>
public sealed record ThreatModelSummary(
    int Applicable,
    int NeedsInformation,
    int Observed,
    int Mitigated,
    int Open,
    ImmutableArray<(RiskBand Band, int Count)> OpenByBand,
    ImmutableArray<Threat> TopRisks,
    ImmutableArray<MitigationGain> CheapestMitigations)
{
    /// <summary>How many top risks and cheapest mitigations the reports list.</summary>
    public const int TopCount = 5;

    /// <summary>Summarises <paramref name="result"/>.</summary>
    public static ThreatModelSummary Of(ThreatModelResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var applicable = result.Threats.Where(t => t.Applicability == Applicability.Applies).ToList();
        var open = applicable.Where(t => t.IsOpen).ToList();
        ImmutableArray<(RiskBand, int)> byBand =
        [
            .. Enum.GetValues<RiskBand>().Reverse().Select(b => (b, open.Count(t => t.Score.ResidualBand == b))),
        ];
        ImmutableArray<Threat> top = [.. OrderByRisk(open).Take(TopCount)];
        ImmutableArray<MitigationGain> gains =
        [
            .. open.SelectMany(t => t.ControlsMissing.Select(m => (Mitigation: m, Threat: t)))
                .GroupBy(x => x.Mitigation, StringComparer.Ordinal)
                .Select(g => new MitigationGain(g.Key, g.Sum(x => x.Threat.Score.ResidualRisk), g.Count()))
                .OrderByDescending(g => g.ResidualRisk).ThenBy(g => g.MitigationId, StringComparer.Ordinal)
                .Take(TopCount),
        ];
        return new ThreatModelSummary(
            applicable.Count,
            result.Threats.Count(t => t.Applicability == Applicability.NeedsInformation),
            result.Threats.Count(t => t.Observed),
            applicable.Count(t => t.Mitigation == MitigationStatus.Mitigated),
            open.Count,
            byBand,
            top,
            gains);
    }

    /// <summary>Open threats of a phase or the whole model, highest residual risk first, then by key.</summary>
    public static IEnumerable<Threat> OrderByRisk(IEnumerable<Threat> threats) =>
        threats.OrderByDescending(t => t.Score.ResidualRisk).ThenByDescending(t => t.Observed).ThenBy(t => t.Key, StringComparer.Ordinal);

    /// <summary>The lowercase band name used by every format.</summary>
    public static string BandName(RiskBand band) => band switch
    {
        RiskBand.Low => "low",
        RiskBand.Medium => "medium",
        RiskBand.High => "high",
        _ => "critical",
    };
}
