using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Profiles;
using static AtlasGuard.ThreatModel.Loading.Json;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>
/// Turns the <c>attacker_profiles</c> section into profiles: references (<c>use</c>) from the library (profiles
/// files first, then the built-ins) with their <c>via</c> applied, and inline profiles. Checks ids and <c>via</c>.
/// </summary>
internal static class ProfileResolver
{
    public static ImmutableArray<AttackerProfile> Resolve(CheckContext c, IReadOnlyDictionary<string, AttackerProfile> library, ProfileOrigin inlineOrigin)
    {
        var section = inlineOrigin == ProfileOrigin.Inline ? "attacker_profiles" : "profiles";
        var result = ImmutableArray.CreateBuilder<AttackerProfile>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (node, pointer) in Items(c.Root, section))
        {
            var id = Str(node, "use") ?? Str(node, "id")!;
            if (seen.TryGetValue(id, out var first))
            {
                c.Error(pointer, DiagnosticCodes.DuplicateId, $"The profile '{id}' is listed twice.",
                    $"The first is on line {c.At(first).Line}; ids must be unique within {section}.");
                continue;
            }

            seen[id] = pointer;
            CheckVia(c, node, pointer, inlineOrigin);
            if (Str(node, "use") is { } use)
            {
                if (library.TryGetValue(use, out var known))
                {
                    result.Add(ProfileBuilder.Bind(known, Strings(node, "via")));
                }
                else
                {
                    c.Error(pointer + "/use", DiagnosticCodes.UnknownProfile, $"No built-in or loaded profile has the id '{use}'.",
                        Suggestions.DidYouMean(use, library.Keys) ?? "Built-in profiles: " + Suggestions.List(BuiltInProfiles.All.Select(p => p.Id).ToList()) + ".");
                }

                continue;
            }

            if (library.ContainsKey(id))
            {
                c.Warning(pointer + "/id", DiagnosticCodes.ProfileShadowed, $"The inline profile '{id}' hides the built-in or loaded profile of that id.",
                    "Rename it, or use the existing one with 'use: " + id + "'.");
            }

            result.Add(ProfileBuilder.Build(node, inlineOrigin, c.File, c.At(pointer)));
        }

        return result.ToImmutable();
    }

    private static void CheckVia(CheckContext c, JsonObject node, string pointer, ProfileOrigin origin)
    {
        var vias = new List<(JsonObject Node, string Pointer)> { (node, pointer) };
        if (node["access"]?["model"] is JsonArray routes)
        {
            for (var i = 0; i < routes.Count; i++)
            {
                if (routes[i] is JsonObject route)
                {
                    vias.Add((route, SourceMap.Child(pointer + "/access/model", i)));
                }
            }
        }

        foreach (var (owner, at) in vias.Where(v => v.Node["via"] is JsonArray { Count: > 0 }))
        {
            if (origin != ProfileOrigin.Inline)
            {
                c.Error(at + "/via", DiagnosticCodes.WrongReferenceKind, "A profiles file cannot name components in 'via'.",
                    "Bind the profile to components in the pipeline document: '- use: <id>' with 'via: [...]'.");
                continue;
            }

            c.References(owner, at, "via", "components", "component");
        }
    }
}
