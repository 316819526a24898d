using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>Reads values the schema has already checked from a JSON tree.</summary>
internal static class Json
{
    public static string? Str(JsonNode? node, string key) =>
        node?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool? Bool(JsonNode? node, string key) =>
        node?[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static long? Long(JsonNode? node, string key) => node?[key] is JsonValue v
        ? v.TryGetValue<long>(out var l) ? l : v.TryGetValue<double>(out var d) ? (long)d : null
        : null;

    public static ImmutableArray<string> Strings(JsonNode? node, string key) => node?[key] is JsonArray array
        ? [.. array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>()]
        : [];

    public static IEnumerable<(JsonObject Node, string Pointer)> Items(JsonNode? root, string key)
    {
        if (root?[key] is not JsonArray array)
        {
            yield break;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject obj)
            {
                yield return (obj, "/" + key + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
