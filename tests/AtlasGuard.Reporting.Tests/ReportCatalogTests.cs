using System.Text;
using System.Text.Json;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Testing;
using NJsonSchema;

namespace AtlasGuard.Reporting.Tests;

/// <summary>SARIF's ATLAS taxonomy and the Navigator layer take names and tactics from <see cref="ReportContext.Catalog"/>.</summary>
public sealed class ReportCatalogTests
{
    /// <summary>A hand-written release that renames what the sample names and does not know AML.T0011 or AML.T0076.</summary>
    private const string SmallRelease = """
        id: ATLAS
        version: 9.9.9
        matrices:
        - id: ATLAS
          tactics:
          - id: AML.TA0003
            name: Resource Development
            description: Getting things ready.
          - id: AML.TA0004
            name: Initial Access
            description: Getting in.
          techniques:
          - id: AML.T0010
            name: Renamed Supply Chain Compromise
            description: Tampering with what a pipeline imports.
            tactics: [AML.TA0003, AML.TA0004]
          - id: AML.T0010.003
            name: Renamed Model
            description: Tampering with a **model** someone downloads.
            subtechnique-of: AML.T0010
          mitigations: []
        case-studies: []
        """;

    private static readonly ReportContext EmbeddedContext = new("1.2.3");
    private static readonly ReportContext SmallContext = EmbeddedContext with { Catalog = AtlasYamlLoader.LoadText(SmallRelease) };

    [Fact]
    public async Task Sarif_taxa_have_catalog_names_and_sub_techniques_bring_their_parent()
    {
        var run = await SarifRun(EmbeddedContext);

        var taxonomy = run.GetProperty("taxonomies")[0];
        Assert.Equal(AtlasCatalog.Embedded.Version, taxonomy.GetProperty("version").GetString());
        Assert.False(taxonomy.GetProperty("isComprehensive").GetBoolean());
        var taxa = taxonomy.GetProperty("taxa").EnumerateArray().ToList();
        var ids = taxa.Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal(["AML.T0010", "AML.T0010.003", "AML.T0011", "AML.T0011.000", "AML.T0076", "AML.TA0004", "AML.TA0005", "AML.TA0007"], ids);

        var model = taxa[1];
        Assert.Equal("Model", model.GetProperty("name").GetString());
        Assert.Equal("AI Supply Chain Compromise: Model (ATLAS sub-technique; tactic: Initial Access)",
            model.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.False(model.TryGetProperty("fullDescription", out _));
        var relationships = model.GetProperty("relationships").EnumerateArray().ToList();
        Assert.Equal(("AML.T0010", 0, "subset"), Relation(relationships[0]));
        Assert.Equal(("AML.TA0004", 5, "relevant"), Relation(relationships[1]));
        Assert.Equal("https://atlas.mitre.org/tactics/AML.TA0004", taxa[5].GetProperty("helpUri").GetString());
    }

    [Fact]
    public async Task Every_sarif_taxon_reference_points_at_its_taxon_in_the_atlas_taxonomy()
    {
        var run = await SarifRun(EmbeddedContext);

        var taxonomy = run.GetProperty("taxonomies")[0];
        var taxa = taxonomy.GetProperty("taxa").EnumerateArray().ToList();
        var supported = run.GetProperty("tool").GetProperty("driver").GetProperty("supportedTaxonomies")[0];
        Assert.Equal(taxonomy.GetProperty("name").GetString(), supported.GetProperty("name").GetString());
        Assert.Equal(0, supported.GetProperty("index").GetInt32());
        var references = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Concat(taxa)
            .SelectMany(d => d.TryGetProperty("relationships", out var r) ? r.EnumerateArray() : [])
            .ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var target = reference.GetProperty("target");
            Assert.Equal(target.GetProperty("id").GetString(), taxa[target.GetProperty("index").GetInt32()].GetProperty("id").GetString());
            Assert.Equal(taxonomy.GetProperty("name").GetString(), target.GetProperty("toolComponent").GetProperty("name").GetString());
            Assert.Equal(0, target.GetProperty("toolComponent").GetProperty("index").GetInt32());
        }
    }

    [Fact]
    public async Task Sarif_taxonomy_follows_a_release_catalog_and_keeps_ids_it_does_not_know()
    {
        var run = await SarifRun(SmallContext);

        var taxonomy = run.GetProperty("taxonomies")[0];
        Assert.Equal("9.9.9", taxonomy.GetProperty("version").GetString());
        var taxa = taxonomy.GetProperty("taxa").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        Assert.Equal(["AML.T0010", "AML.T0010.003", "AML.T0011.000", "AML.T0076", "AML.TA0003", "AML.TA0004"], taxa.Keys);
        var model = taxa["AML.T0010.003"];
        Assert.Equal("Renamed Model", model.GetProperty("name").GetString());
        Assert.Equal("Renamed Supply Chain Compromise: Renamed Model (ATLAS sub-technique; tactics: Resource Development, Initial Access)",
            model.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("Tampering with a **model** someone downloads.", model.GetProperty("fullDescription").GetProperty("markdown").GetString());
        Assert.Equal("Getting in.", taxa["AML.TA0004"].GetProperty("fullDescription").GetProperty("text").GetString());
        var unknown = taxa["AML.T0076"];
        Assert.Equal(["id", "helpUri"], unknown.EnumerateObject().Select(p => p.Name));
    }

    [SharedFact("schemas/sarif/sarif-schema-2.1.0.json")]
    public async Task Sarif_with_a_release_catalog_validates_against_the_official_schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.InShared("schemas", "sarif", "sarif-schema-2.1.0.json"));

        var errors = schema.Validate(await Render("sarif", SmallContext));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [SharedFact("atlas/ATLAS.yaml")]
    public async Task Sarif_with_the_official_release_has_mitre_descriptions_and_validates()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.InShared("schemas", "sarif", "sarif-schema-2.1.0.json"));
        var context = EmbeddedContext with { Catalog = AtlasYamlLoader.LoadFile(RepoPaths.InShared("atlas", "ATLAS.yaml")) };

        var text = await Render("sarif", context);

        var errors = schema.Validate(text);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        using var doc = JsonDocument.Parse(text);
        var taxa = doc.RootElement.GetProperty("runs")[0].GetProperty("taxonomies")[0].GetProperty("taxa").EnumerateArray().ToList();
        Assert.All(taxa, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("fullDescription").GetProperty("text").GetString())));
    }

    [Fact]
    public async Task Navigator_layer_takes_tactics_and_version_from_the_context_catalog()
    {
        using var doc = JsonDocument.Parse(await Render("navigator", SmallContext));

        var root = doc.RootElement;
        var metadata = root.GetProperty("metadata").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetString()!);
        Assert.Equal("9.9.9", metadata["atlas_data_version"]);
        Assert.Contains("AML.T0076", metadata["skipped_techniques"], StringComparison.Ordinal);
        var parentTactics = root.GetProperty("techniques").EnumerateArray()
            .Where(e => e.GetProperty("techniqueID").GetString() == "AML.T0010" && e.TryGetProperty("tactic", out _))
            .Select(e => e.GetProperty("tactic").GetString());
        Assert.Equal(SmallContext.Catalog.TacticsOf("AML.T0010").Select(t => t.ShortName), parentTactics);
        Assert.Equal(2, SmallContext.Catalog.TacticsOf("AML.T0010").Length);
    }

    private static (string?, int, string?) Relation(JsonElement relationship)
    {
        var target = relationship.GetProperty("target");
        return (target.GetProperty("id").GetString(), target.GetProperty("index").GetInt32(), relationship.GetProperty("kinds")[0].GetString());
    }

    private static async Task<JsonElement> SarifRun(ReportContext context)
    {
        using var doc = JsonDocument.Parse(await Render("sarif", context));
        return doc.RootElement.GetProperty("runs")[0].Clone();
    }

    private static async Task<string> Render(string format, ReportContext context)
    {
        using var stream = new MemoryStream();
        await ReportWriters.All[format].WriteAsync(SampleResults.Create(), context, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
