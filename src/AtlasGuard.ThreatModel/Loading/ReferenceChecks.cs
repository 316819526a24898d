using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Model;
using static AtlasGuard.ThreatModel.Loading.Json;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>Unique ids and resolvable references inside a pipeline document.</summary>
internal static class ReferenceChecks
{
    public static void Run(CheckContext c)
    {
        c.IndexIds("trust_zones", "trust zone");
        c.IndexIds("data_assets", "data asset");
        c.IndexIds("model_assets", "model asset");
        var components = c.IndexIds("components", "component");
        c.IndexIds("flows", "flow");
        c.IndexIds("controls", "control");

        foreach (var (node, pointer) in Items(c.Root, "data_assets"))
        {
            if (Str(node, "classification") == "public" && Bool(node, "contains_pii") == true)
            {
                c.Warning(pointer + "/classification", DiagnosticCodes.Inconsistent, "A data asset with personal data is classified public.",
                    "Check the classification or contains_pii.");
            }
        }

        foreach (var (node, pointer) in Items(c.Root, "model_assets"))
        {
            c.References(node, pointer, "trained_on", "data_assets", "data asset");
        }

        foreach (var (node, pointer) in Items(c.Root, "components"))
        {
            Component(c, node, pointer, components);
        }

        foreach (var (node, pointer) in Items(c.Root, "flows"))
        {
            c.Reference(pointer + "/from", Str(node, "from"), "components", "component");
            c.Reference(pointer + "/to", Str(node, "to"), "components", "component");
            c.References(node, pointer, "data", "data_assets", "data asset");
            c.Reference(pointer + "/artifact", Str(node, "artifact"), "model_assets", "model asset");
            if (Str(node, "from") is { } from && from == Str(node, "to"))
            {
                c.Warning(pointer + "/to", DiagnosticCodes.Inconsistent, $"The flow goes from '{from}' to itself.");
            }
        }

        foreach (var (node, pointer) in Items(c.Root, "controls"))
        {
            c.References(node, pointer, "applies_to", "components", "component");
        }
    }

    private static void Component(CheckContext c, JsonObject node, string pointer, Dictionary<string, string> components)
    {
        c.Reference(pointer + "/zone", Str(node, "zone"), "trust_zones", "trust zone");
        var type = WireNames.Parse<ComponentType>(Str(node, "type")!);
        if (Str(node, "serves") is { } serves)
        {
            if (!ComponentPhases.CanServe(type))
            {
                c.Error(pointer + "/serves", DiagnosticCodes.WrongReferenceKind, $"A {type.ToWireName()} does not serve a model.",
                    "Only inference_endpoint, llm_endpoint and agent components take 'serves'; use a flow with 'artifact' to show a model moving.");
            }
            else
            {
                c.Reference(pointer + "/serves", serves, "model_assets", "model asset");
            }
        }
        else if (type is ComponentType.InferenceEndpoint or ComponentType.LlmEndpoint)
        {
            c.Warning(pointer, DiagnosticCodes.Inconsistent, $"The endpoint '{Str(node, "id")}' serves no model.",
                "Add 'serves: <model asset id>'; without it, threats that depend on the model cannot be assessed.");
        }

        Sources(c, node, pointer);
        var props = node["props"] as JsonObject;
        if (type == ComponentType.RagStore && props is not null)
        {
            c.References(props, pointer + "/props", "ingests_from", "data_assets", "data asset");
        }

        if (type == ComponentType.Agent && props?["tools"] is JsonArray tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                var toolPointer = SourceMap.Child(pointer + "/props/tools", i);
                var id = tools[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                if (c.Reference(toolPointer, id, "components", "component")
                    && Str(c.Root["components"]!.AsArray()[Index(components[id!])], "type") != "tool")
                {
                    c.Error(toolPointer, DiagnosticCodes.WrongReferenceKind, $"'{id}' is not a component of type tool.",
                        "An agent's tools must be components with 'type: tool'.");
                }
            }
        }
    }

    /// <summary>Sources are matched against scan paths, which are relative with forward slashes and never climb out.</summary>
    private static void Sources(CheckContext c, JsonObject node, string pointer)
    {
        if (node["sources"] is not JsonArray sources)
        {
            return;
        }

        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (source is null)
            {
                continue;
            }

            var problem = source.Contains('\\', StringComparison.Ordinal) ? "uses backslashes"
                : source.StartsWith('/') || (source.Length > 1 && source[1] == ':') ? "is an absolute path"
                : source.Split('/').Contains("..") ? "climbs out of the repository with '..'"
                : null;
            if (problem is not null)
            {
                c.Error(SourceMap.Child(pointer + "/sources", i), DiagnosticCodes.BadSource, $"The source '{source}' {problem}.",
                    "Write sources relative to the scanned root with forward slashes, e.g. 'deploy/ray/**' or 'models/*.pt'.");
            }
        }
    }

    private static int Index(string pointer) =>
        int.Parse(SourceMap.LastSegment(pointer), System.Globalization.CultureInfo.InvariantCulture);
}
