using System.Text.Json.Nodes;
using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Compose;
using AtlasGuard.Formats.Shell;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// The services of a compose file that run a known MLOps product (by image or command), with their command,
/// environment and published ports: a port published without an address or on 0.0.0.0/:: is open to other
/// machines, one on 127.0.0.1/::1 is not; <c>network_mode: host</c> makes the process's own bind decide.
/// </summary>
internal static class ComposeLaunches
{
    public static IEnumerable<ServiceLaunch> Read(YamlDocument doc, MlopsServiceCatalog catalog)
    {
        if (YamlNodes.Object(doc.Root, "services") is not { } services)
        {
            yield break;
        }

        foreach (var (name, node) in services.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (node is JsonObject svc && Launch(name, svc, YamlSourceMap.Child("/services", name), doc, catalog) is { } launch)
            {
                yield return launch;
            }
        }
    }

    /// <summary>Command words of a compose <c>command</c>/<c>entrypoint</c>: a list as is, a string split the way the shell would.</summary>
    public static List<string> Words(JsonNode? node)
    {
        if (node is JsonArray list)
        {
            return [.. list.Select(YamlNodes.Text).OfType<string>().Take(ShellLexer.MaxWords)];
        }

        return YamlNodes.Text(node) is { } text ? [.. ShellLexer.Split(text).SelectMany(c => c.Words).Take(ShellLexer.MaxWords)] : [];
    }

    private static ServiceLaunch? Launch(string name, JsonObject svc, string pointer, YamlDocument doc, MlopsServiceCatalog catalog)
    {
        var words = Words(svc["entrypoint"]);
        words.AddRange(Words(svc["command"]));
        var image = YamlNodes.Text(svc, "image") is { } written ? ComposeInterpolation.DefaultOf(written) : null;
        var found = LaunchCommands.FindProduct(words, catalog);
        var byImage = catalog.MatchImage(image);
        var service = byImage ?? found?.Service;
        if (service is null)
        {
            return null;
        }

        var commandKey = svc.ContainsKey("command") ? "command" : "entrypoint";
        var launch = new ServiceLaunch
        {
            Service = service,
            Context = LaunchContext.Container,
            Where = $"compose service '{name}'",
            Line = doc.Line(pointer),
            Words = found is { } f && f.Service.Id == service.Id ? f.Command.Words : words,
            CommandLine = svc.ContainsKey(commandKey) ? doc.Line(YamlSourceMap.Child(pointer, commandKey)) : doc.Line(pointer),
            HostNetwork = YamlNodes.Text(svc, "network_mode") == "host",
            DefaultListen = byImage?.ImageListen,
        };
        foreach (var entry in ComposeEnvironment.Read(svc["environment"], YamlSourceMap.Child(pointer, "environment")))
        {
            launch.Env[entry.Name] = (entry.Value, doc.Line(entry.Pointer));
        }

        foreach (var (key, value) in found?.Command.Env ?? [])
        {
            launch.Env.TryAdd(key, (value, launch.CommandLine));
        }

        var ports = YamlNodes.Array(svc, "ports") ?? [];
        for (var i = 0; i < ports.Count && i < 1000; i++)
        {
            if (PublishedPort.FromNode(ports[i]) is { Binding: HostBinding.All } port)
            {
                launch.Open.Add(new OpenPort(port.TargetFrom, port.TargetTo, $"port \"{port.Written}\" published on all host interfaces",
                    doc.Line(YamlSourceMap.Child(YamlSourceMap.Child(pointer, "ports"), i))));
            }
        }

        return launch;
    }
}
