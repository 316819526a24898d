using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Model;
using static AtlasGuard.ThreatModel.Loading.Json;

namespace AtlasGuard.ThreatModel.Profiles;

/// <summary>Builds <see cref="AttackerProfile"/> records from profile trees that passed the schema.</summary>
internal static class ProfileBuilder
{
    public static AttackerProfile Build(JsonObject n, ProfileOrigin origin, string file, SourcePosition at)
    {
        var access = n["access"]!;
        var caps = n["capabilities"]!;
        var model = access["model"] is JsonArray routes
            ? routes.OfType<JsonObject>().Select(r => new ModelAccess(WireNames.Parse<ModelAccessType>(Str(r, "type")!), Strings(r, "via"))).ToImmutableArray()
            : [];
        return new AttackerProfile(
            Str(n, "id")!,
            Str(n, "name"),
            Str(n, "description"),
            [.. Strings(n, "goals").Select(WireNames.Parse<AttackerGoal>)],
            Strings(n, "objectives"),
            WireNames.Parse<KnowledgeLevel>(Str(n, "knowledge")!),
            Strings(n, "knows"),
            new AttackerAccess(model, Str(access, "network")!, Str(access, "insider")!, Strings(access, "supplier")),
            new AttackerCapabilities(
                Level(caps, "training_data_control")!.Value,
                Level(caps, "label_control"),
                Level(caps, "model_control")!.Value,
                Level(caps, "source_code_control"),
                Level(caps, "testing_data_control"),
                Level(caps, "resource_control"),
                Long(caps, "query_budget") ?? 0,
                Long(caps, "identities") ?? 0,
                Str(caps, "compute")),
            WireNames.Parse<SkillLevel>(Str(n, "skill")!),
            origin,
            file,
            n,
            at);
    }

    /// <summary>A copy of a profile whose model access goes through <paramref name="via"/> where it named no components itself.</summary>
    public static AttackerProfile Bind(AttackerProfile profile, ImmutableArray<string> via)
    {
        var node = (JsonObject)profile.Node.DeepClone();
        if (via.IsDefaultOrEmpty)
        {
            return profile with { Node = node };
        }

        if (node["access"]?["model"] is JsonArray routes)
        {
            foreach (var route in routes.OfType<JsonObject>().Where(r => r["via"] is not JsonArray { Count: > 0 }))
            {
                route["via"] = new JsonArray([.. via.Select(v => (JsonNode?)JsonValue.Create(v))]);
            }
        }

        var model = profile.Access.Model.Select(m => m.Via.IsDefaultOrEmpty ? m with { Via = via } : m).ToImmutableArray();
        return profile with { Node = node, Access = profile.Access with { Model = model } };
    }

    private static ControlLevel? Level(JsonNode? node, string key) =>
        Str(node, key) is { } s ? WireNames.Parse<ControlLevel>(s) : null;
}
