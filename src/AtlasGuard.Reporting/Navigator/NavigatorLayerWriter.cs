using System.Globalization;
using System.Text.Json;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Reporting.Navigator;

/// <summary>
/// An ATLAS Navigator layer (layer format 4.3, Navigator 4.6.4, domain <c>atlas-atlas</c>, no
/// <c>versions.attack</c>), the form MITRE's own ATLAS layers use: the techniques the findings name, scored by
/// finding count or worst severity, with the rule ids and paths as comments. Tactics and sub-technique parents come
/// from <see cref="ReportContext.Catalog"/>. No timestamps, no absolute paths.
/// </summary>
internal sealed class NavigatorLayerWriter(NavigatorScore score = NavigatorScore.Count) : IReportWriter
{
    public const string Domain = "atlas-atlas";
    public const string LayerVersion = "4.3";
    public const string NavigatorVersion = "4.6.4";

    public string Format => "navigator";

    public string FileExtension => ".layer.json";

    public NavigatorScore Score => score;

    public async Task WriteAsync(ScanResult result, ReportContext context, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var cells = NavigatorCells.Build(result, context.Catalog);

        await using var w = JsonOutput.CreateWriter(output);
        w.WriteStartObject();
        WriteLayerHead(w, "AtlasGuard scan: " + RootName(result.Root), Description(result, context, cells));
        w.WriteStartArray("techniques");
        foreach (var cell in cells.Cells)
        {
            WriteScanCell(w, cell);
        }

        w.WriteEndArray();
        WriteGradientAndLegend(w, cells);
        w.WriteStartArray("metadata");
        WriteNameValue(w, "atlas_data_version", context.Catalog.Version);
        WriteNameValue(w, "generated_by", ToolInfo.Name + " " + context.ToolVersion);
        WriteNameValue(w, "score", score.ToWireName());
        if (!cells.Skipped.IsEmpty)
        {
            WriteNameValue(w, "skipped_techniques", string.Join(", ", cells.Skipped));
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The severity score: 1 for info up to 5 for critical.</summary>
    public static int SeverityScore(Severity severity) => (int)severity + 1;

    /// <summary>The last segment of the scan root, never the absolute path.</summary>
    public static string RootName(string root)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(root);
        var name = Path.GetFileName(trimmed);
        if (name is "" or "." or "..")
        {
            name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
        }

        return name.Length == 0 ? "/" : name;
    }

    /// <summary>
    /// Writes one <c>techniques</c> entry: id and tactic, then for a scored cell what <paramref name="scored"/> writes
    /// (score, colour, comment), <c>enabled</c>, the entry's <c>metadata</c> pairs, and <c>showSubtechniques</c>.
    /// </summary>
    public static void WriteCell<T>(Utf8JsonWriter w, NavigatorCell<T> cell, Action<Utf8JsonWriter, T> scored,
        Func<T, IEnumerable<(string Name, string Value)>> metadata)
        where T : class
    {
        w.WriteStartObject();
        w.WriteString("techniqueID", cell.TechniqueId);
        if (cell.Tactic is { } tactic)
        {
            w.WriteString("tactic", tactic);
        }

        if (cell.Tally is { } tally)
        {
            scored(w, tally);
        }

        w.WriteBoolean("enabled", true);
        if (cell.Tally is { } t)
        {
            w.WriteStartArray("metadata");
            foreach (var (name, value) in metadata(t))
            {
                WriteNameValue(w, name, value);
            }

            w.WriteEndArray();
        }

        if (cell.Tactic is not null || cell.ShowSubtechniques)
        {
            w.WriteBoolean("showSubtechniques", cell.ShowSubtechniques);
        }

        w.WriteEndObject();
    }

    /// <summary>The layer's fixed head: name, versions, domain, description, sorting (by score, highest first) and layout.</summary>
    public static void WriteLayerHead(Utf8JsonWriter w, string name, string description)
    {
        w.WriteString("name", name);
        w.WriteStartObject("versions");
        w.WriteString("layer", LayerVersion);
        w.WriteString("navigator", NavigatorVersion);
        w.WriteEndObject();
        w.WriteString("domain", Domain);
        w.WriteString("description", description);
        w.WriteNumber("sorting", 3);
        w.WriteStartObject("layout");
        w.WriteString("layout", "side");
        w.WriteBoolean("showID", true);
        w.WriteBoolean("showName", true);
        w.WriteEndObject();
        w.WriteBoolean("hideDisabled", false);
    }

    private void WriteScanCell(Utf8JsonWriter w, NavigatorCell<TechniqueTally> cell) => WriteCell(w, cell,
        (o, tally) =>
        {
            o.WriteNumber("score", score == NavigatorScore.Count ? tally.Count : SeverityScore(tally.Worst));
            o.WriteString("comment", tally.Comment);
        },
        t =>
        [
            ("findings", t.Count.ToString(CultureInfo.InvariantCulture)),
            ("worst_severity", t.Worst.ToWireName()),
            ("rules", string.Join(", ", t.Rules)),
        ]);

    private void WriteGradientAndLegend(Utf8JsonWriter w, NavigatorCells cells)
    {
        w.WriteStartObject("gradient");
        w.WriteStartArray("colors");
        if (score == NavigatorScore.Count)
        {
            w.WriteStringValue(SeverityColors.White);
            w.WriteStringValue(SeverityColors.Red);
            w.WriteEndArray();
            w.WriteNumber("minValue", 0);
            w.WriteNumber("maxValue", Math.Max(1, cells.MaxCount));
            w.WriteEndObject();
            w.WriteStartArray("legendItems");
            WriteLegendItem(w, "0 findings", SeverityColors.White);
            WriteLegendItem(w, NavigatorCells.Plural(Math.Max(1, cells.MaxCount), "finding"), SeverityColors.Red);
            w.WriteEndArray();
            return;
        }

        // One colour per severity, evenly spaced from 1 to 5: each integer score lands exactly on its colour.
        var severities = Enum.GetValues<Severity>();
        foreach (var s in severities)
        {
            w.WriteStringValue(SeverityColors.Of(s));
        }

        w.WriteEndArray();
        w.WriteNumber("minValue", SeverityScore(Severity.Info));
        w.WriteNumber("maxValue", SeverityScore(Severity.Critical));
        w.WriteEndObject();
        w.WriteStartArray("legendItems");
        foreach (var s in severities.Reverse())
        {
            WriteLegendItem(w, string.Create(CultureInfo.InvariantCulture, $"{s.ToWireName()} ({SeverityScore(s)})"), SeverityColors.Of(s));
        }

        w.WriteEndArray();
    }

    private string Description(ScanResult result, ReportContext context, NavigatorCells cells)
    {
        var bySeverity = Enum.GetValues<Severity>().Reverse()
            .Select(s => (s, n: result.Findings.Count(f => f.Severity == s)))
            .Where(x => x.n > 0)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.n} {x.s.ToWireName()}"));
        var counts = result.Findings.IsEmpty ? string.Empty : " (" + string.Join(", ", bySeverity) + ")";
        var meaning = score == NavigatorScore.Count
            ? "score = number of findings naming the technique"
            : "score = worst severity of those findings, 1 (info) to 5 (critical)";
        return string.Create(CultureInfo.InvariantCulture,
            $"{ToolInfo.Name} {context.ToolVersion}: {NavigatorCells.Plural(result.Findings.Length, "finding")}{counts} in "
            + $"{NavigatorCells.Plural(result.Statistics.FilesScanned, "file")} scanned, "
            + $"{NavigatorCells.Plural(cells.ScoredTechniques, "ATLAS technique")}; {meaning}.");
    }

    public static void WriteNameValue(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    public static void WriteLegendItem(Utf8JsonWriter w, string label, string color)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        w.WriteString("color", color);
        w.WriteEndObject();
    }
}
