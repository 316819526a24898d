using System.Globalization;
using AtlasGuard.Core.Findings;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Scoring;
using Spectre.Console;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// The console report of a threat model: a header with the counts, the open threats per phase in pipeline order,
/// the threats that need information, the top risks, the cheapest mitigations, the attack paths and expired
/// risk decisions.
/// </summary>
public static class ThreatModelConsoleWriter
{
    /// <summary>How many attack paths the console shows.</summary>
    public const int PathCount = 3;

    /// <summary>Writes the report of <paramref name="result"/> to <paramref name="console"/>.</summary>
    public static void Write(ThreatModelResult result, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(console);
        var summary = ThreatModelSummary.Of(result);
        WriteHeader(result, summary, console);
        WritePhases(result, console);
        WriteNeedsInformation(result, console);
        WriteTopRisks(summary, console);
        WriteMitigations(summary, console);
        WritePaths(result, console);
        WriteExpired(result, console);
    }

    private static void WriteHeader(ThreatModelResult result, ThreatModelSummary summary, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]Threat model[/] {Markup.Escape(result.ModelName)} [grey](MITRE ATLAS {Markup.Escape(result.AtlasVersion)})[/]");
        console.MarkupLine(Invariant($"{summary.Applicable} applicable, {summary.NeedsInformation} need information, {summary.Observed} observed, {summary.Mitigated} mitigated, {summary.Open} open"));
        var bands = string.Join(", ", summary.OpenByBand.Select(b => Invariant($"{Colored(b.Band)} {b.Count}")));
        console.MarkupLine($"Open by residual risk: {bands}");
        if (result.ScanFindings > 0)
        {
            console.MarkupLine(Invariant($"Scan evidence: {result.ScanFindings} findings, {result.UnplacedFindings.Length} under no component's sources"));
        }

        foreach (var d in result.Diagnostics)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(d.ToString())}");
        }
    }

    private static void WritePhases(ThreatModelResult result, IAnsiConsole console)
    {
        foreach (var phase in result.Threats.Where(t => t.IsOpen).GroupBy(t => t.Phase).OrderBy(g => g.Key))
        {
            console.WriteLine();
            var table = new Table().Title($"[bold]{phase.Key.ToWireName()}[/]").Border(TableBorder.Rounded)
                .AddColumns("Rule", "Component", "Attacker", "Techniques", "Risk", "Mitigation", "Observed");
            foreach (var t in ThreatModelSummary.OrderByRisk(phase))
            {
                table.AddRow(
                    Markup.Escape(t.RuleId),
                    Markup.Escape(t.ComponentId),
                    Markup.Escape(t.AttackerId),
                    Markup.Escape(string.Join(", ", t.Techniques)),
                    Invariant($"{t.Score.Likelihood} x {t.Score.Impact} = {t.Score.Risk} {Colored(t.Score.Band)}"),
                    t.Mitigation.ToWireName(),
                    t.Observed ? "[red bold]observed[/]" : "");
            }

            console.Write(table);
        }
    }

    private static void WriteNeedsInformation(ThreatModelResult result, IAnsiConsole console)
    {
        var lines = result.Threats.Where(t => t.Applicability == Applicability.NeedsInformation)
            .Select(t => $"{t.RuleId}@{t.ComponentId}: {string.Join(", ", t.MissingPaths)}")
            .Distinct(StringComparer.Ordinal).ToList();
        if (lines.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine("[bold]Needs information[/]");
        foreach (var line in lines)
        {
            console.MarkupLine($"  {Markup.Escape(line)}");
        }
    }

    private static void WriteTopRisks(ThreatModelSummary summary, IAnsiConsole console)
    {
        if (summary.TopRisks.IsEmpty)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine("[bold]Top risks[/]");
        foreach (var t in summary.TopRisks)
        {
            var observed = t.Observed ? " [red]observed[/]" : "";
            console.MarkupLine(Invariant($"  {t.Score.ResidualRisk,2} {Colored(t.Score.ResidualBand)} {Markup.Escape(t.Key)}: {Markup.Escape(t.Title)}{observed}"));
        }
    }

    private static void WriteMitigations(ThreatModelSummary summary, IAnsiConsole console)
    {
        if (summary.CheapestMitigations.IsEmpty)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine("[bold]Cheapest mitigations[/] [grey](residual risk of the open threats that lack them)[/]");
        foreach (var m in summary.CheapestMitigations)
        {
            console.MarkupLine(Invariant($"  {m.MitigationId}: {m.ResidualRisk} risk over {m.Threats} {(m.Threats == 1 ? "threat" : "threats")}"));
        }
    }

    private static void WritePaths(ThreatModelResult result, IAnsiConsole console)
    {
        if (result.Paths.IsEmpty)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine("[bold]Attack paths[/]");
        foreach (var path in result.Paths.Take(PathCount))
        {
            console.MarkupLine(Invariant($"  [bold]{Markup.Escape(path.AttackerId)}[/] (risk {path.Risk})"));
            foreach (var s in path.Steps)
            {
                console.MarkupLine($"    {Markup.Escape(s.TacticId)} -> {Markup.Escape(s.TechniqueId)} @ {Markup.Escape(s.ComponentId)} [grey]({Markup.Escape(s.RuleId)})[/]");
            }

            if (!path.SimilarCaseStudies.IsEmpty)
            {
                var studies = string.Join("; ", path.SimilarCaseStudies.Select(c => $"{c.Id} {c.Name}"));
                console.MarkupLine($"    [grey]similar: {Markup.Escape(studies)}[/]");
            }
        }
    }

    private static void WriteExpired(ThreatModelResult result, IAnsiConsole console)
    {
        if (result.ExpiredDecisions.IsEmpty)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine("[bold]Expired risk decisions[/] [grey](not honoured)[/]");
        foreach (var e in result.ExpiredDecisions)
        {
            var expires = e.Expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
            console.MarkupLine($"  {Markup.Escape(e.Threat)}: {e.Status.ToWireName()} by {Markup.Escape(e.Owner)}, expired {expires}");
        }
    }

    private static string Colored(RiskBand band) => band switch
    {
        RiskBand.Critical => "[red bold]critical[/]",
        RiskBand.High => "[red]high[/]",
        RiskBand.Medium => "[yellow]medium[/]",
        _ => "[green]low[/]",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
