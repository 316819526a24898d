using System.Diagnostics;
using System.Text;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Tests.Loading;

public class LimitTests
{
    private static string BillionLaughs()
    {
        var text = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var i = 1; i < 10; i++)
        {
            var refs = string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9));
            text.Append($"a{i}: &a{i} [{refs}]\n");
        }

        return text.ToString();
    }

    [Fact]
    public void A_billion_laughs_document_fails_fast_with_a_node_limit_error()
    {
        var watch = Stopwatch.StartNew();

        var result = ThreatModelLoader.Load(BillionLaughs(), "lol.yaml");

        watch.Stop();
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.TooManyNodes, error.Code);
        Assert.Contains("billion laughs", error.Hint, StringComparison.Ordinal);
        Assert.True(error.Line > 1, "the error points at the alias that crossed the limit");
        Assert.True(watch.ElapsedMilliseconds < 2000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Aliases_within_the_limit_expand_and_their_nodes_count()
    {
        const string Text = "a: &x [1, 2, 3]\nb: *x\nc: *x\n";
        var limits = new LoadLimits { MaxNodes = 16 };

        var fits = ThreatModelLoader.Load(Text, "a.yaml", new ThreatModelLoadOptions { Limits = limits });
        var over = ThreatModelLoader.Load(Text, "a.yaml", new ThreatModelLoadOptions { Limits = limits with { MaxNodes = 15 } });

        // 1 root + 3 keys + (1 + 3) for the anchored list + 4 per alias = 16.
        Assert.DoesNotContain(fits.Diagnostics, d => d.Code == DiagnosticCodes.TooManyNodes);
        Assert.Contains(over.Diagnostics, d => d.Code == DiagnosticCodes.TooManyNodes && d.Line == 3);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var text = "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var result = ThreatModelLoader.Load(text, "deep.yaml");

        Assert.Equal(DiagnosticCodes.TooDeep, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_before_parsing()
    {
        var limits = new LoadLimits { MaxBytes = 1024 };
        var text = "apiVersion: x\n" + new string('#', 2000) + "\n";
        var path = Path.Combine(Path.GetTempPath(), $"tm-large-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        try
        {
            var fromText = ThreatModelLoader.Load(text, "big.yaml", new ThreatModelLoadOptions { Limits = limits });
            var fromFile = ThreatModelLoader.LoadFile(path, new ThreatModelLoadOptions { Limits = limits });

            Assert.Equal(DiagnosticCodes.TooLarge, Assert.Single(fromText.Diagnostics).Code);
            Assert.Equal(DiagnosticCodes.TooLarge, Assert.Single(fromFile.Diagnostics).Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_default_size_limit_is_four_mebibytes() => Assert.Equal(4 * 1024 * 1024, LoadLimits.Default.MaxBytes);

    [Fact]
    public void A_missing_file_is_a_diagnostic_not_an_exception()
    {
        var result = ThreatModelLoader.LoadFile(Path.Combine(Path.GetTempPath(), "no-such-dir-tm", "pipeline.yaml"));

        Assert.Equal(DiagnosticCodes.YamlSyntax, Assert.Single(result.Diagnostics).Code);
    }
}
