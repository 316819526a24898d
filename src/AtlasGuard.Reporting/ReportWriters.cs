using System.Collections.Immutable;
using AtlasGuard.Reporting.Html;
using AtlasGuard.Reporting.Json;
using AtlasGuard.Reporting.Navigator;
using AtlasGuard.Reporting.Sarif;

namespace AtlasGuard.Reporting;

/// <summary>The built-in file formats, by name.</summary>
public static class ReportWriters
{
    /// <summary>All built-in writers keyed by format name (the console format is separate: see <see cref="Console.ConsoleReport"/>).</summary>
    public static ImmutableDictionary<string, IReportWriter> All { get; } = new IReportWriter[]
    {
        new JsonReportWriter(),
        new SarifReportWriter(),
        new NavigatorLayerWriter(),
        new HtmlReportWriter(),
    }.ToImmutableDictionary(w => w.Format, StringComparer.OrdinalIgnoreCase);

    /// <summary>The ATLAS Navigator layer writer with a chosen score (the one in <see cref="All"/> scores by count).</summary>
    public static IReportWriter Navigator(NavigatorScore score) => new NavigatorLayerWriter(score);
}
