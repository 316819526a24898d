using System.Text.Json.Nodes;
using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Compose;
using AtlasGuard.Formats.Yaml;
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
    public static bool IsComposeFile(string fileName) => ComposeEnvironment.IsComposeFileName(fileName);

    public static void Read(string text, string path, DraftDocument draft, MlopsServiceCatalog catalog)
    {
        foreach (var doc in YamlDocuments.Read(text, path, draft))
        {
            if (YamlNodes.Object(doc.Root, "services") is not { } services)
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
        config.Words.AddRange(YamlNodes.Words(svc["entrypoint"]));
        config.Words.AddRange(YamlNodes.Words(svc["command"]));
        config.CommandLine = doc.Line(SourceMap.Child(pointer, svc.ContainsKey("command") ? "command" : svc.ContainsKey("entrypoint") ? "entrypoint" : "image"));
        foreach (var entry in ComposeEnvironment.Read(svc["environment"], SourceMap.Child(pointer, "environment")))
        {
            config.Env[entry.Name] = (entry.Value, doc.Line(entry.Pointer));
        }

        var image = YamlNodes.Text(svc, "image");
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
            if (YamlNodes.Text(svc, key) is { } alias)
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

    private static void ReadVolumes(DraftComponent component, JsonObject svc, string pointer, YamlDoc doc, string path)
    {
        if (YamlNodes.Array(svc, "volumes") is not { } volumes)
        {
            return;
        }

        for (var i = 0; i < volumes.Count && i < 20; i++)
        {
            var volume = YamlNodes.Text(volumes[i]) ?? $"{YamlNodes.Text(volumes[i], "source")}:{YamlNodes.Text(volumes[i], "target")}";
            var line = doc.Line(SourceMap.Child(SourceMap.Child(pointer, "volumes"), i));
            var fact = volume.Contains("docker.sock", StringComparison.Ordinal)
                ? $"mounts the Docker socket ({volume}): control of the host's containers"
                : $"mounts {volume}{(volume.EndsWith(":ro", StringComparison.Ordinal) ? " read-only" : string.Empty)}";
            component.AddEvidence(path, line, fact);
        }
    }
}
