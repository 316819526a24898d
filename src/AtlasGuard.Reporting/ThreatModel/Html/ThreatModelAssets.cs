using AtlasGuard.Reporting.Html;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>The threat-model page's stylesheet: the scan report's, then the few rules of its own parts.</summary>
internal static class ThreatModelAssets
{
    private static readonly Lazy<string> CssText = new(() =>
        HtmlAssets.Css + "\n" + HtmlAssets.ReadResource("AtlasGuard.Reporting.ThreatModel.threat-model.css"));

    public static string Css => CssText.Value;
}
