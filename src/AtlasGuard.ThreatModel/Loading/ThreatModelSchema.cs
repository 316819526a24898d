using System.Text.Json.Nodes;
using Json.Schema;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>The JSON Schema of the format (docs/threat-model-schema.json, embedded in this assembly).</summary>
public static class ThreatModelSchema
{
    private const string ResourceName = "AtlasGuard.ThreatModel.threat-model-schema.json";

    private static readonly Lazy<string> TextValue = new(ReadResource);
    private static readonly Lazy<JsonSchema> SchemaValue = new(() => JsonSchema.FromText(TextValue.Value));
    private static readonly Lazy<JsonNode> NodeValue = new(() => JsonNode.Parse(TextValue.Value)!);

    /// <summary>The apiVersion this version of AtlasGuard reads.</summary>
    public const string ApiVersion = "atlasguard.dev/threat-model/v1";

    /// <summary>The schema text, exactly as published.</summary>
    public static string Text => TextValue.Value;

    internal static JsonSchema Schema => SchemaValue.Value;

    internal static JsonNode Node => NodeValue.Value;

    private static string ReadResource()
    {
        using var stream = typeof(ThreatModelSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
