using System.Collections.Frozen;
using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Expressions;
using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Rules;

/// <summary>
/// The names a rule expression may use, derived from the published pipeline schema: <c>props.*</c> from the
/// rule's target types, <c>self</c>, <c>model</c>, <c>zone</c>, <c>pipeline</c> and <c>attacker</c> from their
/// definitions, plus the host functions (<see cref="HostFunctions"/>).
/// </summary>
internal static class RuleVocabulary
{
    private static readonly Lazy<FrozenDictionary<string, string[]>> PropPaths = new(BuildPropPaths);
    private static readonly Lazy<string[]> BasePaths = new(BuildBasePaths);

    /// <summary>Every root a rule expression may name.</summary>
    public static readonly string[] Roots = ["self", "props", "type", "exposure", "zone", "model", "pipeline", "attacker"];

    public static ExpressionVocabulary For(IEnumerable<ComponentType> targets)
    {
        var vocabulary = new ExpressionVocabulary().AddRoot("type").AddRoot("exposure");
        foreach (var path in BasePaths.Value)
        {
            vocabulary.AddPath(path);
        }

        foreach (var target in targets)
        {
            foreach (var path in PropPaths.Value.GetValueOrDefault(target.ToWireName(), []))
            {
                vocabulary.AddPath("props." + path).AddPath("self.props." + path);
            }
        }

        foreach (var function in HostFunctions.Signatures)
        {
            vocabulary.AddFunction(function.Name, function.Min, function.Max);
        }

        return vocabulary;
    }

    private static FrozenDictionary<string, string[]> BuildPropPaths()
    {
        var defs = Defs();
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var type in ThreatModelSchema.ComponentTypes)
        {
            var paths = new List<string>();
            Collect(defs, defs["props." + type], "", paths, 0);
            result[type] = [.. paths];
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string[] BuildBasePaths()
    {
        var defs = Defs();
        var paths = new List<string> { "self.props", "props" };
        Collect(defs, defs["component"], "self.", paths, 0);
        Collect(defs, defs["trustZone"], "zone.", paths, 0);
        Collect(defs, defs["modelAsset"], "model.", paths, 0);
        Collect(defs, defs["metadata"], "pipeline.", paths, 0);
        Collect(defs, defs["attackerProfile"], "attacker.", paths, 0);
        return [.. paths];
    }

    private static JsonObject Defs() => ThreatModelSchema.Node["$defs"]!.AsObject();

    private static void Collect(JsonObject defs, JsonNode? schema, string prefix, List<string> paths, int depth)
    {
        schema = Resolve(defs, schema);
        if (depth > 8 || schema?["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (name, child) in properties)
        {
            var path = prefix + name;
            paths.Add(path);
            if (!(prefix.Length == 0 && name == "props") && !(prefix == "self." && name == "props"))
            {
                Collect(defs, child, path + ".", paths, depth + 1);
            }
        }
    }

    private static JsonNode? Resolve(JsonObject defs, JsonNode? schema)
    {
        for (var i = 0; i < 8 && schema?["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference); i++)
        {
            schema = defs[reference["#/$defs/".Length..]];
        }

        return schema;
    }
}
