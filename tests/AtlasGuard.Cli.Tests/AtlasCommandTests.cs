using System.Text.Json;
using AtlasGuard.Cli.Commands;
using AtlasGuard.Cli.Commands.Atlas;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Testing;

namespace AtlasGuard.Cli.Tests;

/// <summary><c>atlasguard atlas ...</c> on the embedded catalog (and, with ../shared, on the official release).</summary>
public sealed class AtlasCommandTests
{
    private static readonly AtlasCatalog Catalog = AtlasCatalog.Embedded;

    [Fact]
    public async Task Tactics_lists_all_sixteen_in_matrix_order()
    {
        var (code, output) = await CliRunner.RunAsync("atlas", "tactics");

        Assert.Equal(0, code);
        Assert.Equal(16, Catalog.Tactics.Length);
        var positions = Catalog.Tactics.Select(t => output.IndexOf($"│ {t.Id} ", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task Tactics_as_json_are_in_matrix_order()
    {
        var json = await Json("atlas", "tactics", "--format", "json");

        Assert.Equal(Catalog.Version, json.GetProperty("atlasVersion").GetString());
        Assert.False(json.GetProperty("descriptions").GetBoolean());
        Assert.Equal(Catalog.Tactics.Select(t => t.Id), json.GetProperty("tactics").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal("initial-access", json.GetProperty("tactics")[2].GetProperty("shortName").GetString());
    }

    [Fact]
    public async Task Technique_shows_inherited_tactic_phases_mitigations_and_case_studies()
    {
        var (code, output) = await CliRunner.RunAsync("atlas", "technique", "AML.T0010.003");

        Assert.Equal(0, code);
        Assert.Contains("AI Supply Chain Compromise: Model", output, StringComparison.Ordinal);
        Assert.Contains("Initial Access (AML.TA0004, inherited from AML.T0010)", output, StringComparison.Ordinal);
        Assert.Contains("AML.T0010 AI Supply Chain Compromise", output, StringComparison.Ordinal);
        Assert.Contains("development, deployment (system-level)", output, StringComparison.Ordinal);
        foreach (var m in Catalog.MitigationsOf("AML.T0010.003"))
        {
            Assert.Contains($"{m.Id} {m.Name}", output, StringComparison.Ordinal);
        }

        Assert.Contains("AML.CS0019 PoisonGPT", output, StringComparison.Ordinal);
        Assert.Contains("AML.CS0023 ShadowRay", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Description", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Technique_as_json_has_every_part()
    {
        var json = await Json("atlas", "technique", "aml.t0010.003", "--format", "json");

        Assert.Equal("AML.T0010.003", json.GetProperty("id").GetString());
        Assert.Equal("AML.T0010", json.GetProperty("parent").GetProperty("id").GetString());
        Assert.Equal("AML.TA0004", json.GetProperty("tactics")[0].GetProperty("id").GetString());
        Assert.True(json.GetProperty("tacticsInherited").GetBoolean());
        Assert.Equal(["development", "deployment"], json.GetProperty("phases").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("system", json.GetProperty("level").GetString());
        Assert.Equal(Catalog.MitigationsOf("AML.T0010.003").Select(m => m.Id), Ids(json.GetProperty("mitigations")));
        Assert.Contains("AML.CS0019", Ids(json.GetProperty("caseStudies")));
        Assert.Contains("AML.CS0023", Ids(json.GetProperty("caseStudies")));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task Parent_technique_lists_its_sub_techniques()
    {
        var json = await Json("atlas", "technique", "AML.T0010", "--format", "json");

        Assert.Equal(Catalog.SubTechniquesOf("AML.T0010").Select(s => s.Id), Ids(json.GetProperty("subTechniques")));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("parent").ValueKind);
    }

    [Theory]
    [InlineData("technique", "AML.T0010.9", "AML.T0010 (AI Supply Chain Compromise)")]
    [InlineData("technique", "Supply Chain", "AML.T0010 (AI Supply Chain Compromise)")]
    [InlineData("mitigation", "AML.M014", "AML.M0014 (Verify AI Artifacts)")]
    [InlineData("case-study", "AML.CS023", "AML.CS0023 (ShadowRay)")]
    public async Task Unknown_id_exits_2_with_a_suggestion(string command, string id, string suggestion)
    {
        var (code, output) = await CliRunner.RunAsync("atlas", command, id);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        IEnumerable<(string, string)> entries = command switch
        {
            "technique" => Catalog.Techniques.Select(t => (t.Id, Catalog.DisplayName(t.Id)!)),
            "mitigation" => Catalog.Mitigations.Select(m => (m.Id, m.Name)),
            _ => Catalog.CaseStudies.Select(c => (c.Id, c.Name)),
        };
        var message = AtlasLookup.UnknownMessage(command, id, entries);
        Assert.StartsWith($"Unknown {command} '{id}'. Did you mean ", message, StringComparison.Ordinal);
        Assert.Contains(suggestion, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Techniques_filter_by_tactic_short_name_and_phase()
    {
        var json = await Json("atlas", "techniques", "--tactic", "initial-access", "--phase", "development", "--format", "json");

        var techniques = json.GetProperty("techniques").EnumerateArray().ToList();
        Assert.NotEmpty(techniques);
        Assert.Contains("AML.T0010.003", techniques.Select(t => t.GetProperty("id").GetString()));
        Assert.All(techniques, t =>
        {
            Assert.Contains("AML.TA0004", t.GetProperty("tactics").EnumerateArray().Select(x => x.GetString()));
            Assert.Contains("development", t.GetProperty("phases").EnumerateArray().Select(x => x.GetString()));
        });
    }

    [Fact]
    public async Task Techniques_lists_every_technique_by_default()
    {
        var (code, output) = await CliRunner.RunAsync("atlas", "techniques");

        Assert.Equal(0, code);
        Assert.Contains($"{Catalog.Techniques.Length} techniques.", output, StringComparison.Ordinal);
        Assert.Contains("AI Supply Chain Compromise: Model", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tactic", "no-such-tactic")]
    [InlineData("--phase", "production")]
    public async Task Techniques_refuse_an_unknown_filter(string option, string value)
    {
        var (code, _) = await CliRunner.RunAsync("atlas", "techniques", option, value);

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Mitigations_and_one_mitigation()
    {
        var (code, output) = await CliRunner.RunAsync("atlas", "mitigations");
        var json = await Json("atlas", "mitigation", "aml.m0014", "--format", "json");

        Assert.Equal(0, code);
        Assert.All(Catalog.Mitigations, m => Assert.Contains(m.Id, output, StringComparison.Ordinal));
        Assert.Equal("Verify AI Artifacts", json.GetProperty("name").GetString());
        Assert.Equal(Catalog.FindMitigation("AML.M0014")!.TechniqueIds, Ids(json.GetProperty("techniques")));
    }

    [Fact]
    public async Task Case_studies_are_all_listed()
    {
        var json = await Json("atlas", "case-studies", "--format", "json");

        Assert.Equal(Catalog.CaseStudies.Select(c => c.Id), Ids(json.GetProperty("caseStudies")));
    }

    [Fact]
    public async Task Case_study_shows_the_procedure_in_order()
    {
        var study = Catalog.FindCaseStudy("AML.CS0023")!;
        var (code, output) = await CliRunner.RunAsync("atlas", "case-study", "AML.CS0023");
        var json = await Json("atlas", "case-study", "AML.CS0023", "--format", "json");

        Assert.Equal(0, code);
        Assert.Contains("Procedure (kill chain)", output, StringComparison.Ordinal);
        var positions = study.Steps.Select((s, i) => output.IndexOf($"│ {i + 1,-4} │", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        var steps = json.GetProperty("procedure").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, study.Steps.Length), steps.Select(s => s.GetProperty("step").GetInt32()));
        Assert.Equal(study.Steps.Select(s => s.TechniqueId), steps.Select(s => s.GetProperty("techniqueId").GetString()));
        Assert.Equal(study.Steps.Select(s => s.TacticId), steps.Select(s => s.GetProperty("tacticId").GetString()));
    }

    [Fact]
    public async Task Search_ranks_the_exact_id_first()
    {
        var json = await Json("atlas", "search", "aml.t0010", "--format", "json");

        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("AML.T0010", results[0].GetProperty("id").GetString());
        Assert.Equal("id", results[0].GetProperty("match").GetString());
        Assert.All(results.Skip(1), r => Assert.Equal("id-prefix", r.GetProperty("match").GetString()));
        Assert.All(results, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("snippet").ValueKind));
    }

    [Fact]
    public async Task Search_matches_name_words_without_a_snippet_column_on_the_embedded_facts()
    {
        var (code, output) = await CliRunner.RunAsync("atlas", "search", "supply chain");

        Assert.Equal(0, code);
        Assert.Contains("AML.T0010 ", output, StringComparison.Ordinal);
        Assert.Contains("│ name ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Snippet", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_orders_id_then_prefix_then_name()
    {
        var results = AtlasSearch.Run(Catalog, "AML.T0010");

        Assert.Equal(results.OrderBy(r => r.Match), results);
        Assert.Equal(AtlasMatch.ExactId, results[0].Match);
        Assert.Equal(results.Skip(1).OrderBy(r => r.Id, StringComparer.Ordinal), results.Skip(1));
        Assert.Empty(AtlasSearch.Run(Catalog, "   "));
    }

    [Fact]
    public void Search_puts_names_starting_with_the_query_and_then_techniques_first_among_name_matches()
    {
        var results = AtlasSearch.Run(Catalog, "poison");

        Assert.Equal("AML.T0020", results[0].Id);
        Assert.All(results, r => Assert.Equal(AtlasMatch.Name, r.Match));
        var rest = results.Where(r => !r.Name.StartsWith("poison", StringComparison.OrdinalIgnoreCase)).Select(r => r.Kind).ToList();
        Assert.True(rest.LastIndexOf("technique") < rest.IndexOf("case-study"));
    }

    [Fact]
    public async Task Phases_lists_the_eight_phases()
    {
        var (code, output) = await CliRunner.RunAsync("atlas", "phases");
        var json = await Json("atlas", "phases", "--format", "json");

        Assert.Equal(0, code);
        string[] phases = ["planning", "data", "development", "training", "evaluation", "deployment", "serving", "monitoring"];
        Assert.Equal(phases, json.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()));
        Assert.All(phases, p => Assert.Contains($"│ {p} ", output, StringComparison.Ordinal));
        var development = json.GetProperty("phases")[2].GetProperty("techniques");
        Assert.Contains("AML.T0010.003", Ids(development));
    }

    [Theory]
    [InlineData(160)]
    [InlineData(40)]
    public async Task Matrix_shows_every_tactic_and_folds_sub_techniques(int width)
    {
        var (code, output) = await CliRunner.RunWithWidthAsync(width, "atlas", "matrix");

        Assert.Equal(0, code);
        Assert.All(Catalog.Tactics, t => Assert.Contains(t.Name, output, StringComparison.Ordinal));
        Assert.DoesNotContain("AI Software", output, StringComparison.Ordinal);
        Assert.Contains("(+6)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matrix_as_json_has_the_tactics_as_columns()
    {
        var json = await Json("atlas", "matrix", "--format", "json");

        var tactics = json.GetProperty("tactics").EnumerateArray().ToList();
        Assert.Equal(Catalog.Tactics.Select(t => t.Id), tactics.Select(t => t.GetProperty("id").GetString()));
        var initialAccess = tactics[2].GetProperty("techniques").EnumerateArray().First(t => t.GetProperty("id").GetString() == "AML.T0010");
        Assert.Equal(6, initialAccess.GetProperty("subTechniques").GetInt32());
    }

    [Fact]
    public async Task Unknown_format_is_a_usage_error()
    {
        var (code, _) = await CliRunner.RunAsync("atlas", "tactics", "--format", "sarif");

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Missing_atlas_data_file_exits_2_with_a_clear_message()
    {
        var path = Path.Combine(Path.GetTempPath(), $"atlasguard-missing-{Guid.NewGuid():N}.yaml");

        var (code, output) = await CliRunner.RunAsync("atlas", "tactics", "--atlas-data", path);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("file not found", AtlasCatalogSource.Load(path, TestCache.Empty).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not ATLAS data")]
    [InlineData("{ unclosed: [")]
    [InlineData("name: something else\nversion: 1\n")]
    public async Task Garbage_atlas_data_file_exits_2_with_a_clear_message(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"atlasguard-garbage-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, content);
        try
        {
            var (code, output) = await CliRunner.RunAsync("atlas", "technique", "AML.T0010", "--atlas-data", path);

            Assert.Equal(2, code);
            Assert.Equal(string.Empty, output);
            var load = AtlasCatalogSource.Load(path, TestCache.Empty);
            Assert.Null(load.Catalog);
            Assert.StartsWith($"--atlas-data {path}: ", load.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SharedFact("atlas/ATLAS.yaml")]
    public async Task Official_file_adds_descriptions()
    {
        var file = RepoPaths.InShared("atlas", "ATLAS.yaml");

        var (code, output) = await CliRunner.RunAsync("atlas", "technique", "AML.T0010.003", "--atlas-data", file);
        var json = await Json("atlas", "technique", "AML.T0010.003", "--atlas-data", file, "--format", "json");
        var search = await Json("atlas", "search", "supply chain", "--atlas-data", file, "--format", "json");

        Assert.Equal(0, code);
        Assert.Contains("Description", output, StringComparison.Ordinal);
        Assert.Contains("AML.CS0023 ShadowRay", output, StringComparison.Ordinal);
        Assert.True(json.GetProperty("descriptions").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("description").GetString()));
        Assert.All(search.GetProperty("results").EnumerateArray(), r => Assert.Equal(JsonValueKind.String, r.GetProperty("snippet").ValueKind));
    }

    private static async Task<JsonElement> Json(params string[] args)
    {
        var (code, output) = await CliRunner.RunAsync(args);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    private static IEnumerable<string?> Ids(JsonElement array) => array.EnumerateArray().Select(e => e.GetProperty("id").GetString());
}
