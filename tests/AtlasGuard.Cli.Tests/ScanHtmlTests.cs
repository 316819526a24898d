using AngleSharp.Html.Parser;
using AtlasGuard.Testing;

namespace AtlasGuard.Cli.Tests;

public sealed class ScanHtmlTests
{
    private static string Example => RepoPaths.InRepo("examples", "fraud-detection");

    [Fact]
    public async Task Html_report_of_the_example_marks_its_techniques_on_the_matrix()
    {
        using var tree = new TempTree();
        var output = Path.Combine(tree.Root, "report.html");

        var (code, _) = await CliRunner.RunAsync("scan", Example, "--format", "html", "--output", output);

        Assert.Equal(1, code);
        var text = await File.ReadAllTextAsync(output);
        var doc = new HtmlParser().ParseDocument(text);
        Assert.Equal("AtlasGuard scan: fraud-detection", doc.Title);
        foreach (var (sub, parent) in new[] { ("AML.T0011.000", "AML.T0011"), ("AML.T0010.003", "AML.T0010"), ("AML.T0018.002", "AML.T0018") })
        {
            var parents = doc.QuerySelectorAll($".matrix .technique[data-technique='{parent}']");
            Assert.NotEmpty(parents);
            Assert.All(parents, p => Assert.Equal("critical", p.GetAttribute("data-severity")));
            Assert.All(parents, p => Assert.NotEqual("0", p.GetAttribute("data-count")));
            Assert.All(doc.QuerySelectorAll($".technique.sub[data-technique='{sub}']"), s => Assert.NotEqual("0", s.GetAttribute("data-count")));
        }

        Assert.NotEmpty(doc.QuerySelectorAll("article.finding[data-rule='AG-MDL-001']"));
        Assert.DoesNotContain(RepoPaths.Root, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_help_lists_the_html_format()
    {
        var (_, output) = await CliRunner.RunAsync("scan", "--help");

        Assert.Contains("html", output, StringComparison.Ordinal);
    }
}
