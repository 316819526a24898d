using System.Text.Json;
using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.Cli.Tests;

public sealed class ThreatModelCommandTests
{
    private static string Models => RepoPaths.InRepo("examples", "threat-models");

    public static TheoryData<string> Examples() =>
        [.. Directory.GetDirectories(Models).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_example_evaluates_with_exit_0(string example)
    {
        var (code, output) = await CliRunner.RunAsync("threat-model", Path.Combine(Models, example, "pipeline.yaml"), "--atlas-data", "embedded");

        Assert.Equal(0, code);
        Assert.Contains("Threat model", output, StringComparison.Ordinal);
        Assert.Contains("Open by residual risk", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_on_high_exits_1_on_the_shadowray_example()
    {
        var (code, _) = await CliRunner.RunAsync("threat-model", Path.Combine(Models, "shadowray", "pipeline.yaml"), "--fail-on", "high");

        Assert.Equal(1, code);
    }

    [Fact]
    public async Task Scan_marks_threats_observed_where_a_scan_finding_on_a_source_supports_them()
    {
        // Given the shadowray model with the fraud-detection repository's model folders as the Ray workers' sources
        using var tree = new TempTree();
        var model = tree.Write("pipeline.yaml", WithWorkerSources("[ \"models\", \"third_party\" ]"));

        // When it is evaluated with a real scan of that repository
        var json = await EvaluateJsonAsync(tree, model, "--scan", RepoPaths.InRepo("examples", "fraud-detection"));

        // Then the malicious-pickle threat on the workers is observed, with the poisoned checkpoint as evidence
        var observed = json.GetProperty("threats").EnumerateArray().Where(t => t.GetProperty("observed").GetBoolean()).ToList();
        Assert.Contains(observed, t => t.GetProperty("key").GetString() == "TM-SUP-001@ray-workers@compromised-supplier");
        Assert.All(observed, t => Assert.Equal("ray-workers", t.GetProperty("componentId").GetString()));
        Assert.Contains(observed.SelectMany(t => t.GetProperty("supportingFindings").EnumerateArray()),
            f => f.GetProperty("location").GetString()!.StartsWith("models/fraud_clf_v2.pt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scan_report_findings_mark_threats_observed_and_unplaced_ones_are_listed()
    {
        using var tree = new TempTree();
        var model = tree.Write("pipeline.yaml", WithWorkerSources("[ \"models\" ]"));
        var report = tree.Write("scan.json", """
            { "schemaVersion": "1.0", "findings": [
              { "ruleId": "AG-MDL-001", "severity": "critical", "message": "pickle imports os.system",
                "location": { "path": "models/resnet.pt" }, "techniques": ["AML.T0011.000"], "fingerprint": "a" },
              { "ruleId": "AG-SEC-001", "severity": "high", "message": "key",
                "location": { "path": "notes/keys.txt", "line": 3 }, "techniques": ["AML.T0055"], "fingerprint": "b" } ] }
            """);

        var json = await EvaluateJsonAsync(tree, model, "--scan-report", report);

        var observed = json.GetProperty("threats").EnumerateArray().Where(t => t.GetProperty("observed").GetBoolean())
            .Select(t => t.GetProperty("key").GetString()).ToList();
        Assert.Contains("TM-SUP-001@ray-workers@compromised-supplier", observed);
        Assert.Equal("notes/keys.txt:3", Assert.Single(json.GetProperty("unplacedFindings").EnumerateArray()).GetProperty("location").GetString());
    }

    [Fact]
    public async Task A_broken_scan_report_is_a_usage_error()
    {
        using var tree = new TempTree();
        var report = tree.Write("scan.json", "{ \"not\": \"a report\" }");

        var (code, _) = await CliRunner.RunAsync("threat-model", Path.Combine(Models, "shadowray", "pipeline.yaml"), "--scan-report", report);

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Profiles_files_add_attackers_the_model_can_use()
    {
        using var tree = new TempTree();
        var profiles = tree.Write("red-team.yaml", """
            apiVersion: atlasguard.dev/threat-model/v1
            kind: AttackerProfiles
            metadata: { name: red-team, owner: security }
            profiles:
              - id: rival-lab
                goals: [confidentiality]
                knowledge: grey_box
                access: { model: [{ type: inference_api }], network: internet, insider: none }
                capabilities: { training_data_control: none, model_control: none, query_budget: 50000, identities: 10 }
                skill: expert
            """);
        var model = tree.Write("pipeline.yaml", File.ReadAllText(Path.Combine(Models, "shadowray", "pipeline.yaml"))
            .Replace("  - use: internet-scanner\n", "  - use: internet-scanner\n  - use: rival-lab\n", StringComparison.Ordinal));

        var (without, _) = await CliRunner.RunAsync("threat-model", model);
        var json = await EvaluateJsonAsync(tree, model, "--profiles", profiles);

        Assert.Equal(2, without);
        Assert.Contains(json.GetProperty("threats").EnumerateArray(), t => t.GetProperty("attackerId").GetString() == "rival-lab");
    }

    [Fact]
    public async Task Discover_writes_yaml_that_loads()
    {
        using var tree = new TempTree();
        var output = Path.Combine(tree.Root, "draft.yaml");

        var (code, _) = await CliRunner.RunAsync("threat-model", "--discover", RepoPaths.InRepo("examples", "ray-cluster-repo"), "--output", output);

        Assert.Equal(0, code);
        var load = ThreatModelLoader.LoadFile(output);
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        Assert.Contains(load.Model!.Components, c => c.Id == "ray-head");
    }

    [Fact]
    public async Task A_model_without_attacker_profiles_says_so_instead_of_looking_safe()
    {
        using var tree = new TempTree();
        var model = tree.Write("pipeline.yaml", """
            apiVersion: atlasguard.dev/threat-model/v1
            kind: PipelineModel
            metadata: { name: nobody-attacks, owner: tests, business_criticality: important, atlas_version: "5.6.0" }
            trust_zones: [ { id: corp, trust: internal } ]
            components:
              - { id: ray, type: orchestrator, zone: corp, exposure: internet, props: { auth: none } }
            """);

        var (code, stderr) = await StderrOf(() => CliRunner.RunAsync("threat-model", model, "--atlas-data", "embedded"));

        // The note may be wrapped to the console's width.
        var note = string.Join(' ', stderr.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, code);
        Assert.Contains("names no attacker profiles, so no threat can apply", note, StringComparison.Ordinal);
        Assert.Contains("internet-scanner", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_suggests_the_profiles_its_files_make_relevant_and_so_finds_threats()
    {
        using var tree = new TempTree();
        var draft = Path.Combine(tree.Root, "draft.yaml");
        Assert.Equal(0, (await CliRunner.RunAsync("threat-model", "--discover", RepoPaths.InRepo("examples", "ray-cluster-repo"), "--output", draft)).ExitCode);

        var load = ThreatModelLoader.LoadFile(draft);
        Assert.Contains(load.Model!.AttackerProfiles, p => p.Id == "internet-scanner");
        var result = await EvaluateJsonAsync(tree, draft);
        Assert.NotEqual(0, result.GetProperty("threats").GetArrayLength());
    }

    [Fact]
    public async Task An_invalid_document_exits_2_and_prints_file_line_and_code_on_stderr()
    {
        using var tree = new TempTree();
        var model = tree.Write("pipeline.yaml", File.ReadAllText(Path.Combine(Models, "shadowray", "pipeline.yaml"))
            .Replace("    type: training_compute\n", "    type: training_computer\n", StringComparison.Ordinal));

        var (code, stderr) = await StderrOf(() => CliRunner.RunAsync("threat-model", model));

        Assert.Equal(2, code);
        Assert.Matches(@"pipeline\.yaml:\d+:\d+: error TM\d{3}: ", stderr);
    }

    [Theory]
    [InlineData("--format", "pdf")]
    [InlineData("--fail-on", "severe")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var (code, _) = await CliRunner.RunAsync("threat-model", Path.Combine(Models, "shadowray", "pipeline.yaml"), option, value);

        Assert.Equal(2, code);
    }

    [Fact]
    public void Unknown_format_error_lists_every_format()
    {
        var error = new Commands.ThreatModel.ThreatModelSettings { File = "m.yaml", Format = "pdf" }.Validate();

        Assert.False(error.Successful);
        Assert.Equal("Unknown format 'pdf': use console, json, markdown, html, navigator, sarif.", error.Message);
    }

    public static TheoryData<string, string> ExamplesAndFileFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var example in Directory.GetDirectories(Models).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal))
        {
            foreach (var format in new[] { "html", "navigator", "sarif" })
            {
                data.Add(example, format);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExamplesAndFileFormats))]
    public async Task File_formats_write_a_report_for_every_example(string example, string format)
    {
        using var tree = new TempTree();
        var output = Path.Combine(tree.Root, "report." + format);

        var (code, _) = await CliRunner.RunAsync("threat-model", Path.Combine(Models, example, "pipeline.yaml"), "--format", format,
            "--output", output, "--atlas-data", "embedded");

        Assert.Equal(0, code);
        var text = File.ReadAllText(output);
        switch (format)
        {
            case "html":
                Assert.StartsWith("<!DOCTYPE html>\n", text, StringComparison.Ordinal);
                Assert.Contains("<h1>" + example + "</h1>", text, StringComparison.Ordinal);
                Assert.Contains("id=\"matrix\"", text, StringComparison.Ordinal);
                break;
            case "navigator":
                var layer = JsonDocument.Parse(text).RootElement;
                Assert.Equal("atlas-atlas", layer.GetProperty("domain").GetString());
                Assert.Equal("AtlasGuard threat model: " + example, layer.GetProperty("name").GetString());
                break;
            default:
                var run = JsonDocument.Parse(text).RootElement.GetProperty("runs")[0];
                // Relative to the working folder when the model lies below it (other tests move it to the repository root),
                // else the file name, relative to the model's folder.
                Assert.All(run.GetProperty("results").EnumerateArray(), r => Assert.Contains(
                    r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(),
                    new[] { "pipeline.yaml", $"examples/threat-models/{example}/pipeline.yaml" }));
                Assert.DoesNotContain(Path.GetFullPath(Models), text, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public async Task Html_without_output_goes_to_standard_output_like_scan()
    {
        var (code, output) = await CliRunner.RunAsync("threat-model", Path.Combine(Models, "shadowray", "pipeline.yaml"), "--format", "html", "--atlas-data", "embedded");

        Assert.Equal(0, code);
        Assert.StartsWith("<!DOCTYPE html>", output, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sarif_of_an_observed_threat_points_at_its_component_line()
    {
        using var tree = new TempTree();
        var model = tree.Write("pipeline.yaml", WithWorkerSources("[ \"models\", \"third_party\" ]"));
        var output = Path.Combine(tree.Root, "threats.sarif");

        var (code, _) = await CliRunner.RunAsync("threat-model", model, "--format", "sarif", "--output", output, "--atlas-data", "embedded",
            "--scan", RepoPaths.InRepo("examples", "fraud-detection"));

        Assert.Equal(0, code);
        var results = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var observed = results.Single(r => r.GetProperty("properties").GetProperty("threat").GetString() == "TM-SUP-001@ray-workers@compromised-supplier");
        Assert.True(observed.GetProperty("properties").GetProperty("observed").GetBoolean());
        var line = File.ReadAllLines(model).Select((l, i) => (l, i)).Single(x => x.l == "  - id: ray-workers").i + 1;
        Assert.Equal(line, observed.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public async Task Markdown_output_goes_to_the_file()
    {
        using var tree = new TempTree();
        var output = Path.Combine(tree.Root, "threats.md");

        var (code, _) = await CliRunner.RunAsync("threat-model", Path.Combine(Models, "poisongpt", "pipeline.yaml"), "--format", "markdown", "--output", output);

        Assert.Equal(0, code);
        Assert.StartsWith("# Threat model: ", File.ReadAllText(output), StringComparison.Ordinal);
    }

    private static string WithWorkerSources(string sources) =>
        string.Join('\n', File.ReadAllText(Path.Combine(Models, "shadowray", "pipeline.yaml")).Split('\n')
            .Where(line => !line.StartsWith("    sources: ", StringComparison.Ordinal))).Replace(
            "  - id: ray-workers\n    type: training_compute\n",
            $"  - id: ray-workers\n    type: training_compute\n    sources: {sources}\n", StringComparison.Ordinal);

    private static async Task<JsonElement> EvaluateJsonAsync(TempTree tree, string model, params string[] options)
    {
        var output = Path.Combine(tree.Root, "result.json");
        var (code, _) = await CliRunner.RunAsync(["threat-model", model, "--format", "json", "--output", output, "--atlas-data", "embedded", .. options]);
        Assert.Equal(0, code);
        return JsonDocument.Parse(File.ReadAllText(output)).RootElement.Clone();
    }

    private static async Task<(int Code, string Stderr)> StderrOf(Func<Task<(int, string)>> run)
    {
        var original = Console.Error;
        var capture = new StringWriter();
        Console.SetError(capture);
        try
        {
            var (code, _) = await run();
            return (code, capture.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
