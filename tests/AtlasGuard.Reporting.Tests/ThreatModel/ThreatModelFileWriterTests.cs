using System.Text;
using System.Text.Json;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Reporting.ThreatModel;
using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;
using NJsonSchema;

namespace AtlasGuard.Reporting.Tests.ThreatModel;

/// <summary>The HTML page, Navigator layer and SARIF log of a threat model.</summary>
public sealed class ThreatModelFileWriterTests
{
    [Fact]
    public async Task Html_matches_the_golden_file_and_is_byte_identical_across_runs()
    {
        var first = await HtmlBytes(ThreatModelSamples.FraudPartner());

        Golden.Verify("AtlasGuard.Reporting.Tests", "threat-model/fraud-partner-api.html", Encoding.UTF8.GetString(first));
        Assert.Equal(first, await HtmlBytes(ThreatModelSamples.FraudPartner()));
        Assert.False(first.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark");
    }

    [Fact]
    public void Html_matrix_colours_each_technique_by_the_highest_residual_band_and_marks_observed_ones()
    {
        var report = ThreatModelSamples.FraudPartner();
        var doc = HtmlReportWriterTests.Parse(ThreatModelHtmlWriter.Render(report));

        // Every catalog technique is on the matrix, in tactic order as in the scan report.
        Assert.Equal(AtlasCatalog.Embedded.Tactics.Select(t => t.Id), doc.QuerySelectorAll("#matrix .tactic").Select(e => e.GetAttribute("data-tactic")));
        var counted = report.Result.Threats.Where(ThreatModelReport.Counts).ToList();
        var named = counted.SelectMany(t => t.Techniques).Distinct(StringComparer.Ordinal).Where(id => AtlasCatalog.Embedded.FindTechnique(id) is not null).ToList();
        Assert.NotEmpty(named);
        foreach (var id in named)
        {
            var threats = counted.Where(t => t.Techniques.Contains(id)).ToList();
            var cell = doc.QuerySelector($"#matrix .technique[data-technique='{id}']:not(.sub), #matrix .technique.sub[data-technique='{id}']")!;
            var own = cell.ClassList.Contains("sub") ? threats : threats.Concat(counted.Where(t => t.Techniques.Any(x => x.StartsWith(id + ".", StringComparison.Ordinal)))).Distinct().ToList();
            Assert.Equal(ThreatModelSummary.BandName(AtlasGuard.ThreatModel.Scoring.RiskScale.Band(own.Max(t => t.Score.ResidualRisk))), cell.GetAttribute("data-severity"));
            Assert.Equal(own.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), cell.GetAttribute("data-count"));
            Assert.Equal(own.Any(t => t.Observed), cell.GetAttribute("data-observed") == "true");
        }

        Assert.NotEmpty(doc.QuerySelectorAll("#matrix .technique[data-observed='true'] .observed"));
        Assert.NotEmpty(doc.QuerySelectorAll("#matrix .technique:not(.sub)[data-severity='none']"));
    }

    [Fact]
    public void Html_has_the_phases_paths_priorities_and_decisions_without_any_script()
    {
        var report = ThreatModelSamples.FraudPartner();
        var doc = HtmlReportWriterTests.Parse(ThreatModelHtmlWriter.Render(report));

        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Contains("script-src 'none'", doc.QuerySelector("meta[http-equiv]")!.GetAttribute("content"), StringComparison.Ordinal);
        Assert.Equal(3, doc.QuerySelectorAll("#phases .stage").Length);
        Assert.Equal(report.Result.Threats.Count(t => t.Applicability == Applicability.Applies), doc.QuerySelectorAll("#phases tr.threat").Length);
        Assert.Equal(report.Result.Paths.Length, doc.QuerySelectorAll("#paths li.path").Length);
        Assert.Equal(report.Model.RiskTracking.Length, doc.QuerySelectorAll("#decisions tbody tr").Length);
        Assert.Single(doc.QuerySelectorAll("#decisions tr[data-expired='true']"));
        Assert.NotEmpty(doc.QuerySelectorAll("#priorities ol.ranked li"));
        foreach (var link in doc.QuerySelectorAll("a[href^='#threat-']"))
        {
            Assert.NotNull(doc.GetElementById(link.GetAttribute("href")![1..]));
        }
    }

    [Fact]
    public void Hostile_text_in_the_model_stays_inert()
    {
        // Ids cannot carry markup (the schema allows [a-z0-9._-]); owners, tickets and justifications are free text.
        const string Hostile = "</style><script>alert(1)</script>\"' onmouseover=\"alert(2)\" <img src=x onerror=alert(3)> https://evil.example/x";
        var text = File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", "fraud-partner-api", "pipeline.yaml"))
            .Replace("owner: risk-ml-team", "owner: " + Quoted(Hostile), StringComparison.Ordinal)
            .Replace("owner: head-of-risk-ml", "owner: " + Quoted(Hostile), StringComparison.Ordinal)
            .Replace("ticket: RISK-412", "ticket: " + Quoted(Hostile), StringComparison.Ordinal);
        var report = ThreatModelSamples.Report(text, "<b>evil</b>.yaml");

        var html = ThreatModelHtmlWriter.Render(report);
        var doc = HtmlReportWriterTests.Parse(html);

        Assert.Empty(doc.QuerySelectorAll("script, img, b"));
        Assert.Single(doc.QuerySelectorAll("style"));
        Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
        Assert.Contains(doc.QuerySelectorAll(".facts dd"), dd => dd.TextContent == Hostile);
        Assert.Contains(doc.QuerySelectorAll("#decisions td"), td => td.TextContent == Hostile);
        Assert.Contains(doc.QuerySelectorAll(".facts dd"), dd => dd.TextContent == "<b>evil</b>.yaml");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Navigator_layer_matches_the_golden_file_and_names_only_catalog_techniques()
    {
        var report = ThreatModelSamples.FraudPartner();
        var text = Navigator(report);

        Golden.Verify("AtlasGuard.Reporting.Tests", "threat-model/fraud-partner-api.navigator.json", text);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal("atlas-atlas", root.GetProperty("domain").GetString());
        var cells = root.GetProperty("techniques").EnumerateArray().ToList();
        Assert.All(cells, c => Assert.NotNull(AtlasCatalog.Embedded.FindTechnique(c.GetProperty("techniqueID").GetString()!)));
        var scored = cells.Where(c => c.TryGetProperty("score", out _)).ToList();
        Assert.NotEmpty(scored);
        foreach (var cell in scored)
        {
            var id = cell.GetProperty("techniqueID").GetString()!;
            var highest = report.Result.Threats.Where(ThreatModelReport.Counts).Where(t => t.Techniques.Contains(id)).Max(t => t.Score.ResidualRisk);
            Assert.Equal(highest, cell.GetProperty("score").GetInt32());
            Assert.InRange(highest, 1, 16);
            Assert.Equal(ThreatModelNavigatorWriter.ColorOf(AtlasGuard.ThreatModel.Scoring.RiskScale.Band(highest)), cell.GetProperty("color").GetString());
        }

        Assert.Contains(scored, c => c.GetProperty("comment").GetString()!.Contains("observed", StringComparison.Ordinal));
        Assert.Equal(4, root.GetProperty("legendItems").GetArrayLength());
        Assert.Contains(root.GetProperty("metadata").EnumerateArray(), m => m.GetProperty("name").GetString() == "attacker_profiles");
    }

    [Fact]
    public async Task Navigator_layer_validates_against_the_layer_format()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.InRepo("tests", "AtlasGuard.Reporting.Tests", "Schemas", "navigator-layer-4.3.schema.json"));

        var errors = schema.Validate(Navigator(ThreatModelSamples.FraudPartner()));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Sarif_matches_the_golden_file_and_has_one_result_per_unmitigated_applicable_threat()
    {
        var report = ThreatModelSamples.FraudPartner();
        var text = Sarif(report);

        Golden.Verify("AtlasGuard.Reporting.Tests", "threat-model/fraud-partner-api.sarif", text);
        using var doc = JsonDocument.Parse(text);
        var run = doc.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        var reported = report.Result.Threats.Where(ThreatModelSarifWriter.Reported).ToList();
        Assert.Equal(reported.Count, results.Count);
        Assert.DoesNotContain(report.Result.Threats.Where(t => t.Mitigation == MitigationStatus.Mitigated), t => results.Any(r => Key(r) == t.Key));
        Assert.Equal(reported.Select(t => ThreatModelSarifWriter.Fingerprint(t)).Distinct().Count(), results.Count);

        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(report.Rules.Rules.Select(r => r.Id), rules);
        foreach (var r in results)
        {
            var threat = reported.Single(t => t.Key == Key(r));
            Assert.Equal(ThreatModelSarifWriter.Level(threat.Score.Band), r.GetProperty("level").GetString());
            Assert.Equal(threat.RuleId, rules[r.GetProperty("ruleIndex").GetInt32()]);
            var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("fraud-partner-api/pipeline.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal("%SRCROOT%", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.Equal(report.PositionOf(threat.ComponentId).Line, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(threat.Tracking is { Honoured: true }, r.TryGetProperty("suppressions", out _));
        }

        var accepted = results.Single(r => r.TryGetProperty("suppressions", out var x)
            && x[0].GetProperty("justification").GetString()!.StartsWith("accepted by fraud-lead", StringComparison.Ordinal));
        var suppression = accepted.GetProperty("suppressions")[0];
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Contains("RISK-418", suppression.GetProperty("justification").GetString(), StringComparison.Ordinal);
        Assert.Equal("TM-EVA-002@scoring-api@fraud-ring", Key(accepted));
        Assert.Contains(results, r => Key(r) == "TM-MON-002@fraud-monitoring@fraud-ring" && r.TryGetProperty("suppressions", out _));
        Assert.Contains(results, r => r.GetProperty("properties").TryGetProperty("expiredDecision", out _) && !r.TryGetProperty("suppressions", out _));
    }

    [SharedFact("schemas/sarif/sarif-schema-2.1.0.json")]
    public async Task Sarif_validates_against_the_official_schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.InShared("schemas", "sarif", "sarif-schema-2.1.0.json"));

        var errors = schema.Validate(Sarif(ThreatModelSamples.FraudPartner()));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Model_path_is_relative_to_the_base_folder_and_never_absolute_outside_it()
    {
        var report = ThreatModelSamples.FraudPartner();
        var outside = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "elsewhere", "pipeline.yaml"));

        Assert.Equal("fraud-partner-api/pipeline.yaml", report.ModelPath);
        Assert.Equal("pipeline.yaml", (report with { Model = WithFile(report.Model, outside), BaseDirectory = AppContext.BaseDirectory }).ModelPath);
    }

    private static PipelineModel WithFile(PipelineModel model, string file) =>
        AtlasGuard.ThreatModel.Loading.ThreatModelLoader.Load(
            File.ReadAllText(RepoPaths.InRepo("examples", "threat-models", "fraud-partner-api", "pipeline.yaml")), file).Model ?? model;

    private static string Key(JsonElement result) => result.GetProperty("properties").GetProperty("threat").GetString()!;

    private static string Quoted(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static async Task<byte[]> HtmlBytes(ThreatModelReport report)
    {
        using var stream = new MemoryStream();
        await ThreatModelHtmlWriter.WriteAsync(report, stream);
        return stream.ToArray();
    }

    private static string Navigator(ThreatModelReport report)
    {
        using var stream = new MemoryStream();
        ThreatModelNavigatorWriter.Write(report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Sarif(ThreatModelReport report)
    {
        using var stream = new MemoryStream();
        ThreatModelSarifWriter.Write(report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
