using System.Text;
using System.Text.RegularExpressions;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Findings;
using AtlasGuard.Testing;

namespace AtlasGuard.Core.Tests.Atlas;

public sealed partial class PhaseTaxonomyTests
{
    private const string SharedAtlas = "atlas/ATLAS.yaml";
    private static readonly PhaseTaxonomy Taxonomy = PhaseTaxonomy.Default;
    private static readonly Lazy<AtlasCatalog> Release = new(() => AtlasYamlLoader.LoadFile(RepoPaths.InShared(SharedAtlas)));

    [Fact]
    public void Every_technique_of_the_embedded_catalog_has_a_placement() => AssertAllPlaced(AtlasCatalog.Embedded);

    [SharedFact(SharedAtlas)]
    public void Every_technique_of_the_ATLAS_release_has_a_placement() => AssertAllPlaced(Release.Value);

    [Fact]
    public void No_placement_is_for_a_technique_the_embedded_catalog_lacks()
    {
        var stale = Taxonomy.Placements.Where(p => AtlasCatalog.Embedded.FindTechnique(p.TechniqueId) is null).Select(p => p.TechniqueId).ToList();

        Assert.True(stale.Count == 0, "Stale placements (not in the catalog): " + string.Join(", ", stale));
    }

    [SharedFact(SharedAtlas)]
    public void No_placement_is_for_a_technique_the_ATLAS_release_lacks()
    {
        var known = Release.Value.Techniques.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);

        var stale = Taxonomy.Placements.Where(p => !known.Contains(p.TechniqueId)).Select(p => p.TechniqueId).ToList();

        Assert.True(stale.Count == 0, "Stale placements (not in ATLAS.yaml): " + string.Join(", ", stale));
    }

    [Fact]
    public void Names_match_the_catalog()
    {
        var names = AtlasCatalog.Embedded.Techniques.ToDictionary(t => t.Id, t => t.Name, StringComparer.Ordinal);

        var wrong = Taxonomy.Placements
            .Where(p => names.TryGetValue(p.TechniqueId, out var name) && name != p.Name)
            .Select(p => $"{p.TechniqueId}: '{p.Name}' vs ATLAS '{names[p.TechniqueId]}'")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [SharedFact(SharedAtlas)]
    public void Rationales_are_our_own_words_not_ATLAS_descriptions()
    {
        var release = Release.Value;
        var descriptions = release.Techniques.Select(t => Normalize(release.DescriptionOf(t.Id) ?? string.Empty)).ToList();
        var sentences = descriptions
            .SelectMany(d => SentenceBreak().Split(d))
            .Where(s => s.Length > 40)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var copied = new List<string>();
        foreach (var p in Taxonomy.Placements)
        {
            var rationale = Normalize(p.Rationale);
            if (descriptions.Any(d => d.Contains(rationale, StringComparison.OrdinalIgnoreCase))
                || sentences.Any(s => rationale.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                copied.Add(p.TechniqueId);
            }
        }

        Assert.True(copied.Count == 0, "Rationales that repeat ATLAS description text: " + string.Join(", ", copied));
    }

    [Fact]
    public void Every_placement_has_phases_a_level_and_a_one_line_rationale()
    {
        Assert.NotEmpty(Taxonomy.Placements);
        foreach (var p in Taxonomy.Placements)
        {
            Assert.NotEmpty(p.Phases);
            Assert.Equal(p.Phases.Distinct().Order().ToArray(), p.Phases.ToArray());
            Assert.True(Enum.IsDefined(p.Level), p.TechniqueId);
            Assert.InRange(p.Rationale.Length, 40, 160);
            Assert.DoesNotContain('\n', p.Rationale);
            Assert.False(string.IsNullOrWhiteSpace(p.Name), p.TechniqueId);
        }
    }

    [Fact]
    public void Every_phase_and_both_levels_are_used()
    {
        foreach (var phase in MlopsPhases.All)
        {
            Assert.NotEmpty(Taxonomy.TechniquesOf(phase));
        }

        Assert.NotEmpty(Taxonomy.TechniquesOf(TechniqueLevel.User));
        Assert.NotEmpty(Taxonomy.TechniquesOf(TechniqueLevel.System));
        Assert.False(string.IsNullOrWhiteSpace(Taxonomy.Describe(TechniqueLevel.User)));
        Assert.False(string.IsNullOrWhiteSpace(Taxonomy.Describe(TechniqueLevel.System)));
    }

    [Fact]
    public void Sub_techniques_have_their_own_entry_and_a_placed_parent()
    {
        foreach (var p in Taxonomy.Placements.Where(p => p.ParentId is not null))
        {
            Assert.True(Taxonomy.TryGetPlacement(p.ParentId!, out _), $"{p.TechniqueId} has no placed parent");
        }
    }

    [Fact]
    public void Loading_is_deterministic()
    {
        var first = LoadEmbedded();
        var second = LoadEmbedded();

        Assert.Same(PhaseTaxonomy.Default, PhaseTaxonomy.Default);
        Assert.Equal(first.AtlasVersion, second.AtlasVersion);
        Assert.Equal(Render(first), Render(second));
        Assert.Equal(Render(first), Render(Taxonomy));
        Assert.Equal(first.Placements.Select(p => p.TechniqueId).Order(StringComparer.Ordinal), first.Placements.Select(p => p.TechniqueId));
    }

    [Fact]
    public void Finds_the_placement_of_a_known_technique()
    {
        Assert.True(Taxonomy.TryGetPlacement("AML.T0010.003", out var model));
        Assert.Equal("Model", model.Name);
        Assert.Equal(new[] { MlopsPhase.Development, MlopsPhase.Deployment }, model.Phases.ToArray());
        Assert.Equal(TechniqueLevel.System, model.Level);
        Assert.Equal("AML.T0010", model.ParentId);
        Assert.Equal(new[] { SurveyStage.ModelDevelopmentAndEvaluation, SurveyStage.Operations }, model.Stages.ToArray());

        var match = Taxonomy.Resolve(" AML.T0051.000 ");
        Assert.NotNull(match);
        Assert.False(match.FromParent);
        Assert.Equal(TechniqueLevel.User, match.Placement.Level);
        Assert.Equal(new[] { MlopsPhase.Evaluation, MlopsPhase.Serving, MlopsPhase.Monitoring }, Taxonomy.PhasesOf("AML.T0024.002").ToArray());
    }

    [Fact]
    public void An_unknown_sub_technique_falls_back_to_its_parent()
    {
        var match = Taxonomy.Resolve("AML.T0010.999");

        Assert.NotNull(match);
        Assert.True(match.FromParent);
        Assert.Equal("AML.T0010.999", match.RequestedId);
        Assert.Equal("AML.T0010", match.Placement.TechniqueId);
        Assert.Equal(match.Placement.Phases.ToArray(), Taxonomy.PhasesOf("AML.T0010.999").ToArray());
        Assert.False(Taxonomy.TryGetPlacement("AML.T0010.999", out _));
    }

    [Theory]
    [InlineData("AML.T9999")]
    [InlineData("AML.T9999.001")]
    [InlineData("T0010")]
    [InlineData("")]
    public void An_unknown_technique_has_no_placement(string id)
    {
        Assert.Null(Taxonomy.Resolve(id));
        Assert.Empty(Taxonomy.PhasesOf(id));
    }

    [Fact]
    public void Techniques_of_a_phase_stage_and_level_are_ordered_and_consistent()
    {
        var serving = Taxonomy.TechniquesOf(MlopsPhase.Serving);

        Assert.Contains(serving, p => p.TechniqueId == "AML.T0051");
        Assert.Contains(serving, p => p.TechniqueId == "AML.T0024.001");
        Assert.DoesNotContain(serving, p => p.TechniqueId == "AML.T0020");
        Assert.Contains(Taxonomy.TechniquesOf(MlopsPhase.Data), p => p.TechniqueId == "AML.T0020");
        Assert.Contains(Taxonomy.TechniquesOf(MlopsPhase.Planning), p => p.TechniqueId == "AML.T0000");
        Assert.All(serving, p => Assert.True(p.IsOn(MlopsPhase.Serving)));
        Assert.Equal(serving.Select(p => p.TechniqueId).Order(StringComparer.Ordinal), serving.Select(p => p.TechniqueId));

        var operations = Taxonomy.TechniquesOf(SurveyStage.Operations);
        Assert.True(operations.Length >= serving.Length);
        Assert.Equal(Taxonomy.Placements.Length,
            Taxonomy.TechniquesOf(TechniqueLevel.User).Length + Taxonomy.TechniquesOf(TechniqueLevel.System).Length);
    }

    [Fact]
    public void Loads_a_valid_document()
    {
        var taxonomy = Load(Valid);

        var p = Assert.Single(taxonomy.Placements);
        Assert.Equal("9.9.9", taxonomy.AtlasVersion);
        Assert.Equal(new[] { MlopsPhase.Data, MlopsPhase.Training }, p.Phases.ToArray());
        Assert.Equal("user text here", taxonomy.Describe(TechniqueLevel.User));
    }

    [Theory]
    [InlineData("\"phases\": [\"training\", \"data\"]", "\"phases\": [\"runtime\"]", "unknown phase")]
    [InlineData("\"phases\": [\"training\", \"data\"]", "\"phases\": []", "non-empty array")]
    [InlineData("\"phases\": [\"training\", \"data\"]", "\"phases\": [\"data\", \"data\"]", "listed twice")]
    [InlineData("\"level\": \"system\"", "\"level\": \"admin\"", "'level'")]
    [InlineData("\"level\": \"system\"", "\"level\": \"System\"", "'level'")]
    [InlineData("\"rationale\": \"Poisoned rows enter the data stage.\"", "\"rationale\": \"\"", "rationale")]
    [InlineData("\"rationale\": \"Poisoned rows enter the data stage.\"", "\"rationale\": \"short\"", "rationale")]
    [InlineData("\"technique\": \"AML.T0020\"", "\"technique\": \"T20\"", "technique id")]
    [InlineData("\"name\": \"Poison Training Data\", ", "", "'name'")]
    [InlineData("\"level\": \"system\"", "\"level\": \"system\", \"typo\": 1", "unknown property 'typo'")]
    [InlineData("\"system\": \"system text here\"", "\"admin\": \"x\"", "level")]
    [InlineData("\"atlasVersion\": \"9.9.9\",", "", "atlasVersion")]
    public void Rejects_a_malformed_document(string from, string to, string expected)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Load(Valid.Replace(from, to, StringComparison.Ordinal)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("Phase taxonomy: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_technique_placed_twice()
    {
        var entry = Valid[Valid.IndexOf("{\"technique\"", StringComparison.Ordinal)..(Valid.IndexOf("}]", StringComparison.Ordinal) + 1)];
        var doubled = Valid.Replace(entry, entry + ", " + entry, StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidOperationException>(() => Load(doubled));

        Assert.Contains("AML.T0020 is placed twice", ex.Message, StringComparison.Ordinal);
    }

    private const string Valid = """
        {"about": "test", "atlasVersion": "9.9.9",
         "levels": {"user": "user text here", "system": "system text here"},
         "placements": [{"technique": "AML.T0020", "name": "Poison Training Data", "phases": ["training", "data"], "level": "system", "rationale": "Poisoned rows enter the data stage."}]}
        """;

    private static PhaseTaxonomy Load(string json) => PhaseTaxonomy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static PhaseTaxonomy LoadEmbedded()
    {
        using var stream = typeof(PhaseTaxonomy).Assembly.GetManifestResourceStream(PhaseTaxonomy.ResourceName)!;
        return PhaseTaxonomy.Load(stream);
    }

    private static string Render(PhaseTaxonomy taxonomy) => string.Join("\n", taxonomy.Placements.Select(p =>
        $"{p.TechniqueId}|{p.Name}|{string.Join(',', p.Phases)}|{p.Level}|{p.Rationale}"));

    private static void AssertAllPlaced(AtlasCatalog catalog)
    {
        var missing = catalog.Techniques
            .Where(t => !Taxonomy.TryGetPlacement(t.Id, out _))
            .Select(t => $"{t.Id} {t.Name}")
            .ToList();

        Assert.True(catalog.Techniques.Length > 100, "The catalog has too few techniques to be a real release.");
        Assert.True(missing.Count == 0,
            $"{missing.Count} ATLAS technique(s) of catalog {catalog.Version} have no placement in src/AtlasGuard.Core/Atlas/Data/phase-taxonomy.json:\n  "
            + string.Join("\n  ", missing));
    }

    private static string Normalize(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceBreak();
}
