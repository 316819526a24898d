using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Reporting;

/// <summary>Writes a scan result in one output format.</summary>
public interface IReportWriter
{
    /// <summary>The format's name on the command line ("json", "sarif", ...).</summary>
    string Format { get; }

    /// <summary>The usual file extension, with the dot.</summary>
    string FileExtension { get; }

    /// <summary>Writes the report. Output is a pure function of the result and context: byte-identical across runs.</summary>
    Task WriteAsync(ScanResult result, ReportContext context, Stream output, CancellationToken cancellationToken = default);
}

/// <summary>What a report says about the tool and the run, beyond the findings.</summary>
/// <param name="ToolVersion">AtlasGuard's version.</param>
public sealed record ReportContext(string ToolVersion)
{
    /// <summary>The context for this build of AtlasGuard, with the embedded ATLAS catalog.</summary>
    public static ReportContext Default { get; } = new(ToolInfo.Version);

    /// <summary>
    /// The ATLAS catalog that reports take technique, tactic and mitigation names from: the embedded facts unless
    /// the user chose a release file (<c>--atlas-data</c>).
    /// </summary>
    public AtlasCatalog Catalog { get; init; } = AtlasCatalog.Embedded;
}

/// <summary>Facts about the tool that reports print.</summary>
public static class ToolInfo
{
    /// <summary>The product name.</summary>
    public const string Name = "AtlasGuard";

    /// <summary>Where users learn more.</summary>
    public const string InformationUri = "https://github.com/atlasguard/atlasguard";

    /// <summary>The version of the reporting assembly (all AtlasGuard assemblies share it).</summary>
    public static string Version { get; } = typeof(ToolInfo).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";
}
