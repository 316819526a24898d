using System.Globalization;
using System.Text.Json;
using AtlasGuard.Reporting.Navigator;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Scoring;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// An ATLAS Navigator layer of a threat model, in the scan layer's form (<see cref="NavigatorLayerWriter"/>: domain
/// <c>atlas-atlas</c>, the same layer and Navigator versions, per-tactic cells, sub-techniques under their parents):
/// one entry per technique the applicable threats name, scored by the highest residual risk (1 to 16), coloured by
/// its band, with the threats, components, phases and observed status as the comment. No timestamps, no absolute paths.
/// </summary>
public static class ThreatModelNavigatorWriter
{
    /// <summary>How many threats a cell's comment lists before "… and N more".</summary>
    public const int MaxThreatsInComment = 5;

    /// <summary>Writes the layer of <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(ThreatModelReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var matrix = new ThreatMatrix(report);
        var tallies = matrix.Techniques.ToDictionary(id => id, id => Tally(matrix.ThreatsOf(id)), StringComparer.Ordinal);
        var (cells, skipped) = NavigatorCells.Place(tallies, report.Catalog);
        var result = report.Result;
        var counted = result.Threats.Where(ThreatModelReport.Counts).ToList();

        using var w = JsonOutput.CreateWriter(output);
        w.WriteStartObject();
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{NavigatorCells.Plural(counted.Count, "applicable threat")} ({counted.Count(t => t.IsOpen)} open, {counted.Count(t => t.Observed)} observed)");
        NavigatorLayerWriter.WriteLayerHead(w, "AtlasGuard threat model: " + result.ModelName,
            $"{ToolInfo.Name} {report.ToolVersion}: {counts} in {NavigatorCells.Plural(tallies.Count - skipped.Length, "ATLAS technique")}; "
            + "score = highest residual risk of the threats naming the technique (likelihood x impact after controls and decisions, "
            + "1 to 16), colour = its band.");
        w.WriteStartArray("techniques");
        foreach (var cell in cells)
        {
            NavigatorLayerWriter.WriteCell(w, cell, WriteScore, Metadata);
        }

        w.WriteEndArray();
        WriteGradientAndLegend(w);
        w.WriteStartArray("metadata");
        NavigatorLayerWriter.WriteNameValue(w, "model", result.ModelName);
        NavigatorLayerWriter.WriteNameValue(w, "model_file", report.ModelPath);
        NavigatorLayerWriter.WriteNameValue(w, "attacker_profiles", string.Join(", ", report.Model.AttackerProfiles.Select(p => p.Id)));
        NavigatorLayerWriter.WriteNameValue(w, "atlas_data_version", result.AtlasVersion);
        NavigatorLayerWriter.WriteNameValue(w, "generated_by", ToolInfo.Name + " " + report.ToolVersion);
        NavigatorLayerWriter.WriteNameValue(w, "score", "highest residual risk (1-16)");
        if (!skipped.IsEmpty)
        {
            NavigatorLayerWriter.WriteNameValue(w, "skipped_techniques", string.Join(", ", skipped));
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The colour of a band: the scan's colour of the severity of the same name.</summary>
    public static string ColorOf(RiskBand band) => SeverityColors.Of(ThreatModelReport.AsSeverity(band));

    private static void WriteScore(Utf8JsonWriter w, ThreatTally tally)
    {
        w.WriteNumber("score", tally.Highest);
        w.WriteString("color", ColorOf(RiskScale.Band(tally.Highest)));
        w.WriteString("comment", tally.Comment);
    }

    private static IEnumerable<(string, string)> Metadata(ThreatTally t) =>
    [
        ("threats", t.Threats.Count.ToString(CultureInfo.InvariantCulture)),
        ("highest_residual_risk", t.Highest.ToString(CultureInfo.InvariantCulture)),
        ("band", ThreatModelSummary.BandName(RiskScale.Band(t.Highest))),
        ("observed", t.Threats.Any(x => x.Observed) ? "yes" : "no"),
        ("rules", Joined(t.Threats.Select(x => x.RuleId))),
        ("components", Joined(t.Threats.Select(x => x.ComponentId))),
        ("phases", Joined(t.Threats.Select(x => x.Phase.ToWireName()))),
    ];

    private static ThreatTally Tally(IReadOnlyList<Threat> threats)
    {
        var highest = ThreatMatrix.HighestResidual(threats);
        var listed = ThreatModelSummary.OrderByRisk(threats).Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{t.RuleId} on {t.ComponentId} ({t.Phase.ToWireName()}) by {t.AttackerId}, risk {t.Score.ResidualRisk}{(t.Observed ? ", observed" : "")}")).ToList();
        var comment = string.Create(CultureInfo.InvariantCulture,
            $"{NavigatorCells.Plural(threats.Count, "threat")}, highest residual risk {highest} ({ThreatModelSummary.BandName(RiskScale.Band(highest))}): ")
            + string.Join("; ", listed.Take(MaxThreatsInComment));
        if (listed.Count > MaxThreatsInComment)
        {
            comment += string.Create(CultureInfo.InvariantCulture, $"; … and {listed.Count - MaxThreatsInComment} more");
        }

        return new ThreatTally(threats, highest, comment);
    }

    private static void WriteGradientAndLegend(Utf8JsonWriter w)
    {
        // Cells carry their band's colour; the gradient (low to critical over 1 to 16) only matters if a user rescores.
        var bands = Enum.GetValues<RiskBand>();
        w.WriteStartObject("gradient");
        w.WriteStartArray("colors");
        foreach (var band in bands)
        {
            w.WriteStringValue(ColorOf(band));
        }

        w.WriteEndArray();
        w.WriteNumber("minValue", 1);
        w.WriteNumber("maxValue", 16);
        w.WriteEndObject();
        w.WriteStartArray("legendItems");
        foreach (var band in bands.Reverse())
        {
            var (low, high) = band switch
            {
                RiskBand.Critical => (12, 16),
                RiskBand.High => (8, 11),
                RiskBand.Medium => (4, 7),
                _ => (1, 3),
            };
            NavigatorLayerWriter.WriteLegendItem(w, string.Create(CultureInfo.InvariantCulture, $"{ThreatModelSummary.BandName(band)} ({low}-{high})"), ColorOf(band));
        }

        w.WriteEndArray();
    }

    private static string Joined(IEnumerable<string> values) => string.Join(", ", values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private sealed record ThreatTally(IReadOnlyList<Threat> Threats, int Highest, string Comment);
}
