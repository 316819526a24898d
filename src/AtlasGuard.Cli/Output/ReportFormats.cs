using AtlasGuard.Reporting;

namespace AtlasGuard.Cli.Output;

/// <summary>The names accepted by --format.</summary>
internal static class ReportFormats
{
    public const string Console = "console";

    public static IReadOnlyList<string> Names { get; } = [Console, .. ReportWriters.All.Keys.Order(StringComparer.Ordinal)];

    public static bool IsKnown(string format) =>
        format.Equals(Console, StringComparison.OrdinalIgnoreCase) || ReportWriters.All.ContainsKey(format);
}
