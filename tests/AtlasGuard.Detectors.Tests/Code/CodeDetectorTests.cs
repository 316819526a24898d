using System.Diagnostics;
using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.Code;

namespace AtlasGuard.Detectors.Tests.Code;

public sealed class CodeDetectorTests
{
    [Fact]
    public async Task A_notebook_finding_points_at_the_file_line_and_names_the_cell()
    {
        var json = "{\"cells\": [\n {\"cell_type\": \"markdown\", \"source\": [\"torch.load(x, weights_only=False)\"]},\n"
            + " {\"cell_type\": \"code\", \"source\": [\n  \"import torch\\n\",\n  \"m = torch.load('a.pt', weights_only=False)\"\n ]}\n]}\n";

        var findings = await Scan("nb.ipynb", json);

        var finding = Assert.Single(findings);
        Assert.Equal("AG-COD-001", finding.RuleId);
        Assert.Equal(5, finding.Location.Line);
        Assert.StartsWith("cell 2, line 2: ", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outputs_of_a_notebook_are_not_code()
    {
        var json = "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"print(1)\"], \"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\","
            + " \"text\": [\"yaml.unsafe_load(x)\\n\", \"eval(input())\"]}]}]}";

        Assert.Empty(await Scan("nb.ipynb", json));
    }

    [Fact]
    public void Shell_escapes_and_magics_are_blanked_without_moving_lines()
    {
        var cell = "!pip install x \\\n  y\n%env A=1\nimport os\n  !ls\nos.system(cmd)\n";

        var python = NotebookMagics.ToPython(cell);

        Assert.Equal(cell.Length, python.Length);
        Assert.Equal(["", "", "", "import os", "", "os.system(cmd)", ""], python.Split('\n').Select(l => l.Trim()));
    }

    [Theory]
    [InlineData("%%bash\nos.system(cmd)\n", false)]
    [InlineData("%%script bash\neval(x)\n", false)]
    [InlineData("%%time\nos.system(cmd)\n", true)]
    [InlineData("\n%%capture out\nos.system(cmd)\n", true)]
    public void Cell_magics_keep_python_bodies_and_drop_other_languages(string cell, bool keepsBody)
    {
        var python = NotebookMagics.ToPython(cell);

        Assert.Equal(keepsBody, python.Contains("os.system(cmd)", StringComparison.Ordinal));
        Assert.DoesNotContain("%%", python, StringComparison.Ordinal);
    }

    [Fact]
    public void A_magic_line_does_not_break_the_parse_of_the_cell()
    {
        var hits = CodeDetector.Analyze(NotebookMagics.ToPython("%pip install torch\nimport torch\nx = torch.load(p, weights_only=False)\n"));

        Assert.Equal(3, Assert.Single(hits).Line);
    }

    [Fact]
    public async Task A_binary_file_with_a_python_name_gives_no_finding()
    {
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        bytes[10] = 0;

        Assert.Empty(await Scan("model.py", bytes));
    }

    [Fact]
    public async Task A_huge_single_line_file_is_scanned_in_bounded_time()
    {
        var text = string.Concat(Enumerable.Repeat("x = f(a, verify=False); ", 1_000_000)); // ~24 MB on one line

        var watch = Stopwatch.StartNew();
        var findings = await Scan("big.py", text);

        Assert.Equal(CodeDetector.MaxFindingsPerRule, findings.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Invalid_utf8_and_unclosed_brackets_do_not_hide_later_calls()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("x = open("), 0xFF, 0xFE, 0xC3, (byte)'\n', .. Encoding.UTF8.GetBytes("\ndef f():\n    yaml.unsafe_load(s)\n")];
        var text = Encoding.UTF8.GetString(bytes);

        var hits = CodeDetector.Analyze("import yaml\n" + text);

        Assert.Equal("AG-COD-005", Assert.Single(hits).Rule.Id);
    }

    private static Task<List<Finding>> Scan(string name, string text) => Scan(name, Encoding.UTF8.GetBytes(text));

    private static async Task<List<Finding>> Scan(string name, byte[] bytes)
    {
        var target = new ScanTarget(new ArtifactLocation(name), name, bytes.Length, ArtifactKind.Unknown, bytes.AsMemory(0, Math.Min(512, bytes.Length)),
            () => new MemoryStream(bytes, writable: false));
        var detector = new CodeDetector();
        Assert.True(detector.IsApplicable(target));
        var sink = new ListSink();
        await detector.AnalyzeAsync(target, sink);
        return sink.Findings;
    }

    private sealed class ListSink : IFindingSink
    {
        public List<Finding> Findings { get; } = [];

        public void Report(Finding finding) => Findings.Add(finding);
    }
}
