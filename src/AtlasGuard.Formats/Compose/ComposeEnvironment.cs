using System.Text.Json.Nodes;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Formats.Compose;

/// <summary>One environment variable as a deployment file sets it.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">The value as written (interpolations kept), or null when only the name is listed.</param>
/// <param name="Pointer">The JSON pointer of the entry, for its line.</param>
public sealed record EnvironmentEntry(string Name, string? Value, string Pointer);

/// <summary>
/// A compose service's <c>environment</c>, in either form: a mapping (<c>KEY: value</c>) or a list
/// (<c>- KEY=value</c>, <c>- KEY</c>). Entries keep file order.
/// </summary>
public static class ComposeEnvironment
{
    /// <summary>Reads the <c>environment</c> node found at <paramref name="pointer"/>; anything else gives no entries.</summary>
    public static IReadOnlyList<EnvironmentEntry> Read(JsonNode? environment, string pointer)
    {
        var entries = new List<EnvironmentEntry>();
        if (environment is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                entries.Add(new EnvironmentEntry(key, YamlNodes.Text(value) ?? string.Empty, YamlSourceMap.Child(pointer, key)));
            }
        }
        else if (environment is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var entry = YamlNodes.Text(list[i]) ?? string.Empty;
                var eq = entry.IndexOf('=', StringComparison.Ordinal);
                entries.Add(new EnvironmentEntry(eq < 0 ? entry : entry[..eq], eq < 0 ? null : entry[(eq + 1)..], YamlSourceMap.Child(pointer, i)));
            }
        }

        return entries;
    }

    /// <summary>Whether a file name is a compose file's: <c>compose.yaml</c>, <c>docker-compose*.yml</c>, <c>*.compose.yaml</c> and the like.</summary>
    public static bool IsComposeFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = fileName.ToLowerInvariant();
        var yaml = name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal);
        return yaml && (name.StartsWith("compose.", StringComparison.Ordinal) || name.StartsWith("compose-", StringComparison.Ordinal)
            || name.StartsWith("docker-compose", StringComparison.Ordinal) || name.Contains(".compose.", StringComparison.Ordinal));
    }
}
