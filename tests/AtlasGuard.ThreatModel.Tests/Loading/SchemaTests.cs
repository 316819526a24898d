using System.Text.Json.Nodes;
using AtlasGuard.Core.Findings;
using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Model;
using Json.Schema;

namespace AtlasGuard.ThreatModel.Tests.Loading;

public class SchemaTests
{
    private static JsonNode Schema => JsonNode.Parse(ThreatModelSchema.Text)!;

    [Fact]
    public void The_embedded_schema_is_the_published_docs_file()
    {
        var published = File.ReadAllText(RepoPaths.InRepo("docs", "threat-model-schema.json"));

        Assert.Equal(published, ThreatModelSchema.Text);
    }

    [Fact]
    public void The_schema_is_a_valid_2020_12_schema()
    {
        var meta = MetaSchemas.Draft202012.Evaluate(Schema, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema["$schema"]!.GetValue<string>());
        Assert.True(meta.IsValid, string.Join("; ", meta.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Values)));
    }

    [Fact]
    public void The_phase_enum_is_our_eight_phases_in_order()
    {
        var phases = Schema["$defs"]!["phase"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.Equal(MlopsPhases.All.Select(p => p.ToWireName()), phases);
    }

    [Fact]
    public void Every_component_type_has_closed_props_and_a_condition_selecting_them()
    {
        var defs = Schema["$defs"]!;
        var types = defs["component"]!["properties"]!["type"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var conditions = defs["component"]!["allOf"]!.AsArray()
            .Select(c => (c!["if"]!["properties"]!["type"]!["const"]!.GetValue<string>(), c["then"]!["properties"]!["props"]!["$ref"]!.GetValue<string>()))
            .ToList();

        Assert.Equal(Enum.GetValues<ComponentType>().Select(t => t.ToWireName()), types);
        Assert.Equal(types.Select(t => (t, "#/$defs/props." + t)), conditions);
        Assert.All(types, t => Assert.False(defs["props." + t]!["additionalProperties"]!.GetValue<bool>()));
    }

    [Fact]
    public void Every_property_in_the_schema_has_a_description()
    {
        var missing = new List<string>();
        Walk(Schema["$defs"]!, "#/$defs", missing);

        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Theory]
    [InlineData("criticality", typeof(Criticality))]
    [InlineData("exposureLevel", typeof(Exposure))]
    public void Schema_enums_and_model_enums_agree(string def, Type enumType)
    {
        var values = Schema["$defs"]![def]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        var names = Enum.GetNames(enumType).Select(n => string.Concat(n.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())));

        Assert.Equal(names, values);
    }

    private static void Walk(JsonNode node, string path, List<string> missing)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        if (obj["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                if (value?["description"] is null && name is not ("apiVersion" or "kind" or "id" or "description" or "tags")
                    && value?["$ref"]?.GetValue<string>() is not ("#/$defs/auth" or "#/$defs/pinning" or "#/$defs/signing" or "#/$defs/writers" or "#/$defs/queryLimits" or "#/$defs/text"))
                {
                    missing.Add(path + "/properties/" + name);
                }
            }
        }

        foreach (var (name, value) in obj)
        {
            if (value is not null)
            {
                Walk(value, path + "/" + name, missing);
            }
        }
    }
}

/// <summary>The loader validates with a document schema plus per-type props schemas; they must agree with the published schema.</summary>
public class SchemaSplitTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var name in new[] { "fraud-partner-api", "llm-assistant-rag", "ray-research-cluster" })
        {
            data.Add(RepoPaths.InRepo("examples", "threat-models", name, "pipeline.yaml"));
        }

        foreach (var dir in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Invalid")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.Combine(dir, "pipeline.yaml"));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_split_schemas_accept_exactly_what_the_published_schema_accepts(string path)
    {
        var diagnostics = new List<ThreatModelDiagnostic>();
        var (root, map) = YamlTreeReader.Read(File.ReadAllText(path), path, LoadLimits.Default, diagnostics);
        if (root is null)
        {
            return;
        }

        var published = ThreatModelSchema.Schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;
        var split = SchemaValidator.Validate(root, map, path, diagnostics);

        Assert.Equal(published, split);
    }

    [Fact]
    public void A_props_error_found_by_the_type_schema_points_into_the_component()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Invalid", "props-typo", "pipeline.yaml");
        var diagnostics = new List<ThreatModelDiagnostic>();
        var (root, map) = YamlTreeReader.Read(File.ReadAllText(path), path, LoadLimits.Default, diagnostics);

        Assert.False(SchemaValidator.Validate(root!, map, path, diagnostics));
        Assert.Equal((DiagnosticCodes.UnknownProperty, 22), (diagnostics.Single().Code, diagnostics.Single().Line));
        Assert.False(ThreatModelSchema.Schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid);
    }
}
