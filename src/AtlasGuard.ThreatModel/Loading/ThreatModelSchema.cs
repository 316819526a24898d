using System.Text.Json.Nodes;
using Json.Schema;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>
/// The JSON Schema of the format (docs/threat-model-schema.json, embedded in this assembly). The loader validates
/// with two schemas derived from that one text, which together accept exactly what it accepts: the document
/// without the per-type <c>props</c> conditions, and one schema per component type for <c>props</c>. JsonSchema.Net
/// spends most of its time on the seventeen if/then branches of every component; choosing the branch by the
/// component's type in code makes a 500-component model validate several times faster.
/// </summary>
public static class ThreatModelSchema
{
    /// <summary>The apiVersion this version of AtlasGuard reads.</summary>
    public const string ApiVersion = "atlasguard.dev/threat-model/v1";

    private const string ResourceName = "AtlasGuard.ThreatModel.threat-model-schema.json";
    private const string BaseUri = "https://atlasguard.dev/schemas/threat-model/v1/";

    private static readonly Lazy<string> TextValue = new(ReadResource);
    private static readonly Lazy<JsonNode> NodeValue = new(() => JsonNode.Parse(TextValue.Value)!);
    private static readonly Lazy<JsonSchema> SchemaValue = new(() => JsonSchema.FromText(TextValue.Value));
    private static readonly Lazy<JsonSchema> DocumentValue = new(BuildDocumentSchema);
    private static readonly Dictionary<string, (JsonSchema Schema, JsonNode Node)> PropsSchemas = new(StringComparer.Ordinal);

    /// <summary>The schema text, exactly as published.</summary>
    public static string Text => TextValue.Value;

    /// <summary>The published schema as a tree (for hints: enums, property names, descriptions).</summary>
    internal static JsonNode Node => NodeValue.Value;

    /// <summary>The published schema, whole.</summary>
    internal static JsonSchema Schema => SchemaValue.Value;

    /// <summary>The published schema without the per-type <c>props</c> conditions.</summary>
    internal static JsonSchema Document => DocumentValue.Value;

    /// <summary>The component types the schema knows.</summary>
    internal static IEnumerable<string> ComponentTypes =>
        Node["$defs"]!["component"]!["properties"]!["type"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

    /// <summary>
    /// A schema for a list of props of one component type (items <c>$ref</c> to <c>$defs/props.TYPE</c>), and its
    /// tree. One evaluation per type, not per component, because each evaluation has a fixed cost. Call under the
    /// validator's lock.
    /// </summary>
    internal static (JsonSchema Schema, JsonNode Node) Props(string type)
    {
        if (!PropsSchemas.TryGetValue(type, out var entry))
        {
            var node = new JsonObject
            {
                ["$schema"] = Node["$schema"]!.DeepClone(),
                ["$id"] = BaseUri + "props/" + type + ".json",
                ["type"] = "array",
                ["items"] = new JsonObject { ["$ref"] = "#/$defs/props." + type },
                ["$defs"] = PropsDefinitions(type),
            };
            entry = (JsonSchema.FromText(node.ToJsonString()), node);
            PropsSchemas[type] = entry;
        }

        return entry;
    }

    // Only what a props schema can reach: its own definition, the shared vocabularies and the query limits. A
    // smaller schema is quicker to build on first use, which is most of a cold start.
    private static JsonObject PropsDefinitions(string type)
    {
        var defs = new JsonObject();
        foreach (var (name, definition) in Node["$defs"]!.AsObject())
        {
            var isOwn = name == "props." + type;
            var isVocabulary = !name.StartsWith("props.", StringComparison.Ordinal) && definition?["properties"] is null && definition?["if"] is null;
            if (isOwn || isVocabulary || name == "queryLimits")
            {
                defs[name] = definition!.DeepClone();
            }
        }

        return defs;
    }

    private static JsonSchema BuildDocumentSchema()
    {
        var node = Node.DeepClone();
        node["$id"] = BaseUri + "document.json";
        node["$defs"]!["component"]!.AsObject().Remove("allOf");
        return JsonSchema.FromText(node.ToJsonString());
    }

    private static string ReadResource()
    {
        using var stream = typeof(ThreatModelSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
