using System.Text.Json;
using AtlasGuard.Testing;

namespace AtlasGuard.Cli.Tests;

public sealed class ScanCommandTests
{
    private static string Example => RepoPaths.InRepo("examples", "fraud-detection");

    private static string Fixtures => RepoPaths.InRepo("tests", "AtlasGuard.Detectors.Tests", "Fixtures", "Models");

    [Fact]
    public async Task Example_scan_reports_the_poisoned_checkpoints_and_exits_1()
    {
        var (code, output) = await CliRunner.RunAsync("scan", Example, "--no-progress");

        Assert.Equal(1, code);
        Assert.Contains("models/fraud_clf_v2.pt", output, StringComparison.Ordinal);
        Assert.Contains("posix.system", output, StringComparison.Ordinal);
        Assert.Contains("third_party/sentiment-bert/pytorch_model.bin", output, StringComparison.Ordinal);
        Assert.Contains("AML.T0011.000", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fraud_clf_v1.pt", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_on_none_exits_0_even_with_findings()
    {
        var (code, _) = await CliRunner.RunAsync("scan", Example, "--fail-on", "none", "--no-progress");

        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Clean_folder_exits_0()
    {
        using var tree = new TempTree();
        tree.Write("train.py", "import torch\n");

        var (code, output) = await CliRunner.RunAsync("scan", tree.Root, "--no-progress");

        Assert.Equal(0, code);
        Assert.Contains("No findings.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "yaml")]
    [InlineData("--fail-on", "severe")]
    [InlineData("--jobs", "0")]
    [InlineData("--max-file-size", "lots")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var (code, _) = await CliRunner.RunAsync("scan", Example, option, value);

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Missing_path_is_a_usage_error()
    {
        var (code, _) = await CliRunner.RunAsync("scan", "/no/such/folder/anywhere");

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Invalid_config_is_a_usage_error()
    {
        using var tree = new TempTree();
        var config = tree.Write("atlasguard.yaml", "suppress:\n  - rule: AG-MDL-001\nseverty:\n  AG-MDL-003: low\n");

        var (code, _) = await CliRunner.RunAsync("scan", Example, "--config", config);

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Config_suppression_with_reason_removes_findings()
    {
        using var tree = new TempTree();
        var config = tree.Write("atlasguard.yaml",
            "suppress:\n  - rule: AG-MDL-001\n    reason: red-team samples kept on purpose\n  - rule: AG-MDL-084\n    reason: converting to safetensors is tracked elsewhere\n");
        var output = Path.Combine(tree.Root, "out.json");

        var (code, _) = await CliRunner.RunAsync("scan", Example, "--config", config, "--format", "json", "--output", output);

        // The example's secrets, code, services and CI problems still fail the scan; the model findings are gone.
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var rules = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).ToList();
        Assert.DoesNotContain("AG-MDL-001", rules);
        Assert.DoesNotContain("AG-MDL-084", rules);
        Assert.NotEmpty(rules);
        Assert.Equal(3, doc.RootElement.GetProperty("summary").GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public async Task Baseline_reports_only_new_findings()
    {
        using var tree = new TempTree();
        var baseline = Path.Combine(tree.Root, "baseline.json");
        var second = Path.Combine(tree.Root, "second.json");
        await CliRunner.RunAsync("scan", Example, "--format", "json", "--output", baseline);

        var (code, _) = await CliRunner.RunAsync("scan", Example, "--baseline", baseline, "--format", "json", "--output", second);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(second));
        Assert.Equal(0, doc.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public async Task Sarif_is_byte_identical_for_one_and_four_jobs()
    {
        using var tree = new TempTree();
        var one = Path.Combine(tree.Root, "one.sarif");
        var four = Path.Combine(tree.Root, "four.sarif");

        await CliRunner.RunAsync("scan", Fixtures, "--format", "sarif", "--output", one, "--jobs", "1");
        await CliRunner.RunAsync("scan", Fixtures, "--format", "sarif", "--output", four, "--jobs", "4");

        var a = await File.ReadAllBytesAsync(one);
        Assert.True(a.Length > 10_000);
        Assert.Equal(a, await File.ReadAllBytesAsync(four));
    }

    [SharedFact("schemas/sarif/sarif-schema-2.1.0.json")]
    public async Task Sarif_of_the_fixture_corpus_validates_against_the_schema()
    {
        using var tree = new TempTree();
        var sarif = Path.Combine(tree.Root, "all.sarif");
        await CliRunner.RunAsync("scan", Fixtures, "--format", "sarif", "--output", sarif);

        var schema = await NJsonSchema.JsonSchema.FromFileAsync(RepoPaths.InShared("schemas", "sarif", "sarif-schema-2.1.0.json"));
        var errors = schema.Validate(await File.ReadAllTextAsync(sarif));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20).Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task Console_report_to_a_file_has_no_escape_codes()
    {
        using var tree = new TempTree();
        var report = Path.Combine(tree.Root, "report.txt");

        await CliRunner.RunAsync("scan", Example, "--output", report);

        var text = await File.ReadAllTextAsync(report);
        Assert.Contains("AG-MDL-001", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_inside_the_scanned_tree_is_not_read()
    {
        using var tree = new TempTree();
        File.Copy(Path.Combine(Example, "models", "fraud_clf_v2.pt"), Path.Combine(tree.Root, "model.pt"));
        tree.Write("atlasguard.yaml", "suppress:\n  - rule: AG-MDL-001\n    reason: attacker wrote this\n");

        var (code, output) = await CliRunner.RunAsync("scan", tree.Root, "--no-progress");

        Assert.Equal(1, code);
        Assert.Contains("AG-MDL-001", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_the_scan_options()
    {
        var (code, output) = await CliRunner.RunAsync("scan", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--fail-on", output, StringComparison.Ordinal);
        Assert.Contains("--format", output, StringComparison.Ordinal);
        Assert.Contains("--exclude", output, StringComparison.Ordinal);
    }
}
