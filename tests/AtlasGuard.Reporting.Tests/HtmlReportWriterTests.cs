using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Detectors;
using AtlasGuard.Reporting.Html;
using AtlasGuard.Testing;

namespace AtlasGuard.Reporting.Tests;

/// <summary>The HTML report as a file: golden output, self-containment, CSP, escaping, determinism and size.</summary>
public sealed partial class HtmlReportWriterTests
{
    private static readonly ReportContext Context = new("1.2.3");

    [Theory]
    [InlineData("sample.html", false)]
    [InlineData("empty.html", true)]
    public async Task Writes_the_golden_file(string golden, bool empty)
    {
        var text = await Render(empty ? SampleResults.Empty() : SampleResults.Create());

        Golden.Verify("AtlasGuard.Reporting.Tests", golden, text);
    }

    [Fact]
    public void Registry_exposes_the_writer_as_html()
    {
        var writer = Assert.IsType<HtmlReportWriter>(ReportWriters.All["html"]);

        Assert.Equal(".html", writer.FileExtension);
    }

    [Fact]
    public async Task Page_references_nothing_outside_itself()
    {
        foreach (var result in new[] { SampleResults.Create(), SampleResults.Empty() })
        {
            var text = await Render(result);

            Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
            Assert.DoesNotContain("url(", text, StringComparison.Ordinal);
            Assert.DoesNotContain("@import", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(ProtocolRelative(), text);
            var doc = Parse(text);
            foreach (var el in doc.QuerySelectorAll("[src], [href]"))
            {
                var target = el.GetAttribute("src") ?? el.GetAttribute("href")!;
                Assert.True(target.StartsWith('#') || target.StartsWith("data:", StringComparison.Ordinal), $"{el.TagName} points at {target}");
            }
        }
    }

    [Fact]
    public void Template_itself_has_no_external_url()
    {
        Assert.DoesNotContain("http", HtmlAssets.Css, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", HtmlAssets.Css, StringComparison.Ordinal);
        Assert.DoesNotContain("http", HtmlAssets.Script, StringComparison.Ordinal);
        Assert.DoesNotContain("</", HtmlAssets.Script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_security_policy_allows_exactly_the_inline_style_and_script()
    {
        var doc = Parse(await Render(SampleResults.Create()));

        var policy = doc.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content")!;
        var style = Assert.Single(doc.QuerySelectorAll("style")).TextContent;
        var script = Assert.Single(doc.QuerySelectorAll("script")).TextContent;
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("default-src 'none'", directives["default-src"]);
        Assert.Equal($"style-src 'sha256-{Sha256(style)}'", directives["style-src"]);
        Assert.Equal($"script-src 'sha256-{Sha256(script)}'", directives["script-src"]);
        Assert.Equal("img-src data:", directives["img-src"]);
        Assert.Empty(doc.QuerySelectorAll("[style]"));
        Assert.Same(doc.Head!.Children.First(e => e.TagName == "META" && e.HasAttribute("http-equiv")),
            doc.Head.Children.First(e => e.TagName is "META" or "STYLE" or "SCRIPT" && !e.HasAttribute("charset")));
    }

    [Fact]
    public async Task Hostile_text_from_findings_stays_inert()
    {
        const string Hostile = "</style><script>alert(1)</script>\"' onmouseover=\"alert(2)\" <img src=x onerror=alert(3)> </script>";
        var finding = SampleResults.Critical.CreateFinding(new ArtifactLocation("evil\"dir'/<b>x</b>.pkl", "in\"ner</style>.pkl"), Hostile,
            evidence: Hostile) with
        {
            RuleId = "AG-\"><script>alert(4)</script>",
            Techniques = ["AML.T0011.000", "AML.\"T<9>"],
            Mitigations = ["AML.M0014\"><b>"],
            Remediation = Hostile,
        };
        var result = SampleResults.Empty() with { Findings = [finding] };

        var text = await Render(result);
        var doc = Parse(text);

        Assert.Single(doc.QuerySelectorAll("script"));
        Assert.Single(doc.QuerySelectorAll("style"));
        Assert.Empty(doc.QuerySelectorAll("img, b"));
        Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
        var article = Assert.Single(doc.QuerySelectorAll("article.finding"));
        Assert.Equal(Hostile, article.QuerySelector("header h3")!.TextContent);
        Assert.Equal(Hostile, article.QuerySelector(".evidence code")!.TextContent);
        Assert.Equal(finding.RuleId, article.GetAttribute("data-rule"));
        Assert.Equal("AML.T0011.000 AML.\"T<9>", article.GetAttribute("data-techniques"));
        Assert.Equal("evil\"dir'/<b>x</b>.pkl", article.QuerySelector(".loc code")!.TextContent);
        Assert.Contains(doc.QuerySelectorAll("#filter-rule option"), o => o.GetAttribute("value") == finding.RuleId);
        Assert.DoesNotContain("<script>alert", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_is_deterministic_and_free_of_the_absolute_root()
    {
        var result = SampleResults.Create() with { Root = "/home/someone/projects/repo/" };

        var first = await RenderBytes(result);
        var second = await RenderBytes(result);

        Assert.Equal(first, second);
        var text = Encoding.UTF8.GetString(first);
        Assert.DoesNotContain("/home/someone", text, StringComparison.Ordinal);
        Assert.Contains("<title>AtlasGuard scan: repo</title>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.False(first.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark");
    }

    [Fact]
    public async Task Thousand_realistic_findings_stay_under_one_megabyte()
    {
        var rules = SyntheticFindings.Distinct(BuiltInDetectors.CreateSet(DetectorOptions.Default).Rules);
        var result = SyntheticFindings.Create(rules, 1000);

        var bytes = await RenderBytes(result);

        if (Environment.GetEnvironmentVariable("HTML_DUMP") is { Length: > 0 } dump)
        {
            await File.WriteAllBytesAsync(dump, bytes);
        }

        Assert.True(bytes.Length < 1_000_000, $"{bytes.Length:N0} bytes");
        var doc = Parse(Encoding.UTF8.GetString(bytes));
        Assert.Equal(1000, doc.QuerySelectorAll("article.finding").Length);
        Assert.All(doc.QuerySelectorAll("article.finding").Take(50), a => Assert.NotNull(a.QuerySelector("dt + dd")));
    }

    internal static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    internal static async Task<string> Render(ScanResult result) => Encoding.UTF8.GetString(await RenderBytes(result));

    private static async Task<byte[]> RenderBytes(ScanResult result)
    {
        using var stream = new MemoryStream();
        await ReportWriters.All["html"].WriteAsync(result, Context, stream);
        return stream.ToArray();
    }

    private static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("""(src|href)\s*=\s*["']?//""")]
    private static partial Regex ProtocolRelative();
}
