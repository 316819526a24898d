using System.Text.Json.Nodes;
using AtlasGuard.Core.Services;
using AtlasGuard.ThreatModel.Discovery.Draft;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>
/// Docker compose files: each service whose image or command is a known MLOps product becomes a component, with
/// its exposure from the published ports (all interfaces → internet, loopback → internal), authentication from
/// its command line and environment, and the addresses it names for flows.
/// </summary>
internal static class ComposeReader
{
    public static bool IsComposeFile(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        var yaml = name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal);
        return yaml && (name.StartsWith("compose.", StringComparison.Ordinal) || name.StartsWith("docker-compose", StringComparison.Ordinal)
            || name.Contains(".compose.", StringComparison.Ordinal));
    }

    public static void Read(string text, string path, DraftDocument draft, MlopsServiceCatalog catalog)
    {
        foreach (var doc in YamlDocuments.Read(text, path, draft))
        {
            if (Nodes.Object(doc.Root, "services") is not { } services)
            {
                continue;
            }

            foreach (var (name, node) in services.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                ReadService(name, node as JsonObject, SourceMap.Child("/services", name), doc, path, draft, catalog);
            }
        }
    }

    private static void ReadService(string name, JsonObject? svc, string pointer, YamlDoc doc, string path, DraftDocument draft, MlopsServiceCatalog catalog)
    {
        if (svc is null)
        {
            return;
        }

        var config = new ServiceConfig(path);
        config.Words.AddRange(Nodes.Words(svc["entrypoint"]));
        config.Words.AddRange(Nodes.Words(svc["command"]));
        config.CommandLine = doc.Line(SourceMap.Child(pointer, svc.ContainsKey("command") ? "command" : svc.ContainsKey("entrypoint") ? "entrypoint" : "image"));
        ReadEnvironment(svc["environment"], SourceMap.Child(pointer, "environment"), doc, config);

        var image = Nodes.Text(svc, "image");
        var service = catalog.MatchImage(image) ?? catalog.MatchCommand(config.CommandText);
        service = service is null ? null : RayRoles.ForCommand(service, config);
        var line = doc.Line(pointer);
        if (service is null)
        {
            draft.Note(path, line, $"Service '{name}' ({(image is null ? "built locally" : "image " + image)}) is not a known MLOps product; add it by hand if it belongs to the pipeline.");
            return;
        }

        var how = image is not null && catalog.MatchImage(image) is not null ? $"image {image} in compose service '{name}'" : $"the command of compose service '{name}'";
        var component = ServiceSignals.AddComponent(draft, name, service, config, line, how);
        component.Scope = path;
        component.HostNames.Add(name);
        foreach (var key in new[] { "container_name", "hostname" })
        {
            if (Nodes.Text(svc, key) is { } alias)
            {
                component.HostNames.Add(alias);
            }
        }

        foreach (var (key, (value, valueLine)) in config.Env)
        {
            component.Addresses.Add(($"{key}={value}", path, valueLine));
        }

        component.Addresses.Add((config.CommandText, path, config.CommandLine));
        ComposeExposure.Apply(component, service, svc, pointer, doc, path);
        SecretsInEnv.Apply(component, config);
        ReadVolumes(component, svc, pointer, doc, path);
    }

    private static void ReadEnvironment(JsonNode? env, string pointer, YamlDoc doc, ServiceConfig config)
    {
        if (env is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                config.Env[key] = (Nodes.Text(value) ?? string.Empty, doc.Line(SourceMap.Child(pointer, key)));
            }
        }
        else if (env is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var entry = Nodes.Text(list[i]) ?? string.Empty;
                var eq = entry.IndexOf('=', StringComparison.Ordinal);
                var key = eq < 0 ? entry : entry[..eq];
                config.Env[key] = (eq < 0 ? null : entry[(eq + 1)..], doc.Line(SourceMap.Child(pointer, i)));
            }
        }
    }

    private static void ReadVolumes(DraftComponent component, JsonObject svc, string pointer, YamlDoc doc, string path)
    {
        if (Nodes.Array(svc, "volumes") is not { } volumes)
        {
            return;
        }

        for (var i = 0; i < volumes.Count && i < 20; i++)
        {
            var volume = Nodes.Text(volumes[i]) ?? $"{Nodes.Text(volumes[i], "source")}:{Nodes.Text(volumes[i], "target")}";
            var line = doc.Line(SourceMap.Child(SourceMap.Child(pointer, "volumes"), i));
            var fact = volume.Contains("docker.sock", StringComparison.Ordinal)
                ? $"mounts the Docker socket ({volume}): control of the host's containers"
                : $"mounts {volume}{(volume.EndsWith(":ro", StringComparison.Ordinal) ? " read-only" : string.Empty)}";
            component.AddEvidence(path, line, fact);
        }
    }
}
