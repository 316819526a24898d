using System.Globalization;
using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// A Markdown report of a threat model for a pull request or a wiki: summary, open threats per phase, needs
/// information, top risks, cheapest mitigations, attack paths and expired decisions. LF line ends, deterministic.
/// </summary>
public static class ThreatModelMarkdownWriter
{
    /// <summary>How many attack paths the report lists.</summary>
    public const int PathCount = 5;

    /// <summary>The report of <paramref name="result"/> as Markdown text.</summary>
    public static string Render(ThreatModelResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = ThreatModelSummary.Of(result);
        var md = new StringBuilder();
        Line(md, $"# Threat model: {result.ModelName}");
        Line(md, "");
        Line(md, $"MITRE ATLAS {result.AtlasVersion}. **{s.Applicable}** applicable threats, **{s.NeedsInformation}** need information, "
            + $"**{s.Observed}** observed, **{s.Mitigated}** mitigated, **{s.Open}** open.");
        Line(md, "");
        Line(md, "| Residual band | Open threats |");
        Line(md, "|---|---|");
        foreach (var (band, count) in s.OpenByBand)
        {
            Line(md, $"| {ThreatModelSummary.BandName(band)} | {count} |");
        }

        foreach (var phase in result.Threats.Where(t => t.IsOpen).GroupBy(t => t.Phase).OrderBy(g => g.Key))
        {
            Line(md, "");
            Line(md, $"## Phase: {phase.Key.ToWireName()}");
            Line(md, "");
            Line(md, "| Rule | Component | Attacker | Techniques | L × I = risk | Mitigation | Observed |");
            Line(md, "|---|---|---|---|---|---|---|");
            foreach (var t in ThreatModelSummary.OrderByRisk(phase))
            {
                Line(md, $"| {Cell(t.RuleId)} | {Cell(t.ComponentId)} | {Cell(t.AttackerId)} | {Cell(string.Join(", ", t.Techniques))} | "
                    + $"{t.Score.Likelihood} × {t.Score.Impact} = {t.Score.Risk} ({ThreatModelSummary.BandName(t.Score.Band)}) | "
                    + $"{t.Mitigation.ToWireName()} | {(t.Observed ? "**observed**" : "")} |");
            }
        }

        WriteLists(md, result, s);
        return md.ToString();
    }

    private static void WriteLists(StringBuilder md, ThreatModelResult result, ThreatModelSummary s)
    {
        var needs = result.Threats.Where(t => t.Applicability == Applicability.NeedsInformation)
            .Select(t => $"`{t.RuleId}@{t.ComponentId}`: {string.Join(", ", t.MissingPaths.Select(p => $"`{p}`"))}")
            .Distinct(StringComparer.Ordinal).ToList();
        Section(md, "Needs information", needs);
        Section(md, "Top risks", s.TopRisks.Select(t =>
            Invariant($"**{t.Score.ResidualRisk}** ({ThreatModelSummary.BandName(t.Score.ResidualBand)}) `{t.Key}`: {t.Title}{(t.Observed ? " — observed" : "")}")));
        Section(md, "Cheapest mitigations", s.CheapestMitigations.Select(m =>
            Invariant($"`{m.MitigationId}`: closes {m.ResidualRisk} residual risk over {m.Threats} open {(m.Threats == 1 ? "threat" : "threats")}")));
        Section(md, "Attack paths", result.Paths.Take(PathCount).Select(p =>
            Invariant($"**{p.AttackerId}** (risk {p.Risk}): ")
            + string.Join(" → ", p.Steps.Select(x => $"{x.TacticId} `{x.TechniqueId}` @ {x.ComponentId}"))
            + (p.SimilarCaseStudies.IsEmpty ? "" : "; similar: " + string.Join(", ", p.SimilarCaseStudies.Select(c => $"{c.Id} {c.Name}")))));
        Section(md, "Expired risk decisions", result.ExpiredDecisions.Select(e =>
            $"`{e.Threat}`: {e.Status.ToWireName()} by {e.Owner}, expired {(e.Expires is { } x ? ThreatModelJsonWriter.Date(x) : "")}"));
    }

    private static void Section(StringBuilder md, string title, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        Line(md, "");
        Line(md, $"## {title}");
        Line(md, "");
        foreach (var item in list)
        {
            Line(md, "- " + item);
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static void Line(StringBuilder md, FormattableString text) => md.Append(Invariant(text)).Append('\n');

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
