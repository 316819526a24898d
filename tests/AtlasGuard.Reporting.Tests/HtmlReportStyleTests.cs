using System.Globalization;
using System.Text.RegularExpressions;
using AtlasGuard.Reporting.Html;

namespace AtlasGuard.Reporting.Tests;

/// <summary>The report's colours, read from its stylesheet: text on every severity colour meets WCAG AA (4.5:1).</summary>
public sealed partial class HtmlReportStyleTests
{
    private static readonly string[] Severities = ["critical", "high", "medium", "low", "info"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Text_on_severity_cells_has_at_least_4_5_to_1_contrast(bool dark)
    {
        var colours = Variables(dark);

        foreach (var severity in Severities.Append("none"))
        {
            var cell = colours["cell-" + severity];
            Assert.True(Contrast(colours["text"], cell) >= 4.5, $"text on {severity} ({cell}): {Contrast(colours["text"], cell):F2}");
            Assert.True(Contrast(colours["muted"], cell) >= 4.5, $"muted text on {severity} ({cell}): {Contrast(colours["muted"], cell):F2}");
        }
    }

    [Fact]
    public void White_text_on_severity_badges_has_at_least_4_5_to_1_contrast()
    {
        var colours = Variables(dark: false);

        foreach (var severity in Severities)
        {
            var badge = colours["badge-" + severity];
            Assert.True(Contrast("#ffffff", badge) >= 4.5, $"white on {severity} badge ({badge}): {Contrast("#ffffff", badge):F2}");
        }
    }

    [Fact]
    public void Stylesheet_and_script_cover_dark_mode_print_and_focus()
    {
        Assert.Contains("@media print", HtmlAssets.Css, StringComparison.Ordinal);
        Assert.Contains("prefers-color-scheme: dark", HtmlAssets.Css, StringComparison.Ordinal);
        Assert.Contains(":focus-visible", HtmlAssets.Css, StringComparison.Ordinal);
        Assert.Contains("beforeprint", HtmlAssets.Script, StringComparison.Ordinal);
    }

    // The light values are the first :root block; the dark block overrides some of them.
    private static Dictionary<string, string> Variables(bool dark)
    {
        var css = HtmlAssets.Css;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var light = css[..css.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal)];
        foreach (Match m in Variable().Matches(light))
        {
            values[m.Groups[1].Value] = m.Groups[2].Value;
        }

        if (dark)
        {
            var start = css.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal);
            var block = css[start..css.IndexOf("\n}\n", start, StringComparison.Ordinal)];
            foreach (Match m in Variable().Matches(block))
            {
                values[m.Groups[1].Value] = m.Groups[2].Value;
            }
        }

        return values;
    }

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int i)
        {
            var c = int.Parse(hex.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(1)) + (0.0722 * Channel(2));
    }

    [GeneratedRegex("--([a-z-]+):\\s*(#[0-9a-f]{6})")]
    private static partial Regex Variable();
}
