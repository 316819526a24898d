using System.Collections.Frozen;
using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>The props each component type allows and their enum values, read from the published schema.</summary>
internal static class SchemaVocabulary
{
    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, string[]?>>> Props = new(Load);

    /// <summary>The prop names of a component type, sorted; empty for an unknown type.</summary>
    public static IEnumerable<string> PropsOf(string type) =>
        Props.Value.TryGetValue(type, out var props) ? props.Keys.Order(StringComparer.Ordinal) : [];

    public static bool HasProp(string type, string prop) => Props.Value.TryGetValue(type, out var props) && props.ContainsKey(prop);

    /// <summary>Whether <paramref name="value"/> is allowed for the prop (free-text props allow anything).</summary>
    public static bool Allows(string type, string prop, string value) =>
        Props.Value.TryGetValue(type, out var props) && props.TryGetValue(prop, out var values) && (values is null || values.Contains(value));

    private static FrozenDictionary<string, FrozenDictionary<string, string[]?>> Load()
    {
        var defs = JsonNode.Parse(ThreatModelSchema.Text)!["$defs"]!.AsObject();
        var result = new Dictionary<string, FrozenDictionary<string, string[]?>>(StringComparer.Ordinal);
        foreach (var (name, def) in defs)
        {
            if (!name.StartsWith("props.", StringComparison.Ordinal) || def?["properties"] is not JsonObject properties)
            {
                continue;
            }

            result[name["props.".Length..]] = properties.ToFrozenDictionary(
                p => p.Key, p => EnumOf(p.Value, defs), StringComparer.Ordinal);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string[]? EnumOf(JsonNode? property, JsonObject defs)
    {
        if (property?["$ref"]?.GetValue<string>() is { } reference)
        {
            property = defs[reference["#/$defs/".Length..]];
        }

        return property?["enum"] is JsonArray values ? [.. values.Select(v => v!.GetValue<string>())] : null;
    }
}
