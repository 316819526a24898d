using AtlasGuard.Reporting;

namespace AtlasGuard.Cli.Output;

/// <summary>The names accepted by --format.</summary>
internal static class ReportFormats
{
    public const string Console = "console";

    public static IReadOnlyList<string> Names { get; } = [Console, .. ReportWriters.All.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// True for the formats that print ATLAS names or descriptions (SARIF, Navigator, HTML). The console and JSON
    /// reports carry ids only, so they need not pay for loading a cached release.
    /// </summary>
    public static bool NamesAtlasEntries(string format) =>
        !format.Equals(Console, StringComparison.OrdinalIgnoreCase) && !format.Equals("json", StringComparison.OrdinalIgnoreCase);

    public static bool IsKnown(string format) =>
        format.Equals(Console, StringComparison.OrdinalIgnoreCase) || ReportWriters.All.ContainsKey(format);
}
