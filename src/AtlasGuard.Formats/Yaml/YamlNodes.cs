using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtlasGuard.Formats.Yaml;

/// <summary>Tolerant reads from YAML trees: a wrong shape gives null, never an exception.</summary>
public static class YamlNodes
{
    /// <summary>A scalar as text (numbers and booleans as written in JSON); null for anything else.</summary>
    public static string? Text(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>The scalar under <paramref name="key"/> of a mapping, as text.</summary>
    public static string? Text(JsonNode? node, string key) => Text((node as JsonObject)?[key]);

    /// <summary>The mapping at a path of keys, or null.</summary>
    public static JsonObject? Object(JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            current = (current as JsonObject)?[key];
        }

        return current as JsonObject;
    }

    /// <summary>The sequence under <paramref name="key"/>, or null.</summary>
    public static JsonArray? Array(JsonNode? node, string key) => (node as JsonObject)?[key] as JsonArray;

    /// <summary>A scalar as an integer, or null.</summary>
    public static int? Int(JsonNode? node) =>
        int.TryParse(Text(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Command words from a string or a list of strings.</summary>
    public static List<string> Words(JsonNode? node)
    {
        var words = new List<string>();
        if (node is JsonArray list)
        {
            foreach (var item in list)
            {
                words.AddRange(Split(Text(item)));
            }
        }
        else
        {
            words.AddRange(Split(Text(node)));
        }

        return words;
    }

    private static string[] Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
}
