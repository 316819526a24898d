using System.Text.Json.Nodes;
using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Kubernetes;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Detectors.Services;

/// <summary>A launched service in a manifest, with what Services use to select it.</summary>
internal sealed record PodLaunch(ServiceLaunch Launch, string Namespace, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, int> NamedPorts, string? HeadService);

/// <summary>
/// Kubernetes manifests (all documents of a stream): workloads whose containers run a known product, KubeRay
/// clusters, and the Services (LoadBalancer, NodePort, externalIPs) and Ingresses that open them to other machines.
/// Host networking and host ports open them too.
/// </summary>
internal static class KubernetesLaunches
{
    public static List<PodLaunch> Read(IReadOnlyList<YamlDocument> docs, MlopsServiceCatalog catalog, CancellationToken cancellationToken)
    {
        var pods = new List<PodLaunch>();
        foreach (var doc in docs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var kind = YamlNodes.Text(doc.Root, "kind");
            if (KubernetesManifest.PodTemplatePointer(kind) is { } template)
            {
                pods.AddRange(Workload(doc, kind!, template, catalog));
            }
            else if (catalog.MatchKubernetesKind(YamlNodes.Text(doc.Root, "apiVersion"), kind) is { Id: "ray" } ray && KubeRay.HeadPointer(kind) is { } head)
            {
                pods.Add(KubeRay.Head(doc, kind!, head, ray));
            }
        }

        var services = docs.Where(d => YamlNodes.Text(d.Root, "kind") == "Service").ToList();
        foreach (var service in services)
        {
            OpenThroughService(service, pods);
        }

        foreach (var ingress in docs.Where(d => YamlNodes.Text(d.Root, "kind") == "Ingress"))
        {
            OpenThroughIngress(ingress, services, pods);
        }

        return pods;
    }

    /// <summary>A Service's type when it opens its ports beyond the cluster (LoadBalancer, NodePort, or any type with externalIPs), else null.</summary>
    public static string? OutsideType(JsonNode? service)
    {
        var spec = YamlNodes.Object(service, "spec");
        var type = YamlNodes.Text(spec, "type") ?? "ClusterIP";
        var ranges = (YamlNodes.Array(spec, "loadBalancerSourceRanges") ?? []).Select(YamlNodes.Text).OfType<string>().ToList();
        if (ranges.Count > 0 && !ranges.Any(r => r is "0.0.0.0/0" or "::/0"))
        {
            return null;
        }

        if (type is "LoadBalancer" or "NodePort")
        {
            return "type " + type;
        }

        return YamlNodes.Array(spec, "externalIPs") is { Count: > 0 } ? "externalIPs" : null;
    }

    private static IEnumerable<PodLaunch> Workload(YamlDocument doc, string kind, string templatePointer, MlopsServiceCatalog catalog)
    {
        var name = KubernetesManifest.Name(doc.Root) ?? kind.ToLowerInvariant();
        var template = KubernetesManifest.ObjectAt(doc.Root, templatePointer);
        var specPointer = templatePointer + "/spec";
        var spec = YamlNodes.Object(template, "spec");
        var hostNetwork = YamlNodes.Text(spec, "hostNetwork") == "true";
        foreach (var container in KubernetesManifest.Containers(doc.Root, specPointer))
        {
            var found = LaunchCommands.FindProduct(container.Words, catalog);
            var service = catalog.MatchImage(container.Image) ?? found?.Service;
            if (service is null)
            {
                continue;
            }

            var launch = PodLaunchOf(doc, container, service, found, $"{kind} '{name}'", hostNetwork, catalog.MatchImage(container.Image)?.ImageListen);
            var named = new Dictionary<string, int>(StringComparer.Ordinal);
            var ports = YamlNodes.Array(ContainerNode(doc, container.Pointer), "ports") ?? [];
            for (var i = 0; i < ports.Count && i < 100; i++)
            {
                var containerPort = YamlNodes.Int(YamlNodes.Object(ports[i])?["containerPort"]);
                if (containerPort is { } cp && YamlNodes.Text(ports[i], "name") is { } portName)
                {
                    named[portName] = cp;
                }

                if (containerPort is { } target && YamlNodes.Int(YamlNodes.Object(ports[i])?["hostPort"]) is { } hostPort)
                {
                    launch.Open.Add(new OpenPort(target, target, $"hostPort {hostPort} on every node it runs on", doc.Line(YamlSourceMap.Child(YamlSourceMap.Child(container.Pointer, "ports"), i))));
                }
            }

            yield return new PodLaunch(launch, KubernetesManifest.Namespace(doc.Root), KubernetesManifest.Labels(template), named, null);
        }
    }

    internal static ServiceLaunch PodLaunchOf(YamlDocument doc, KubernetesContainer container, MlopsService service, (CommandWords Command, MlopsService Service)? found,
        string where, bool hostNetwork, string? defaultListen = null, IEnumerable<string>? extraWords = null)
    {
        var words = found is { } f && f.Service.Id == service.Id ? f.Command.Words : container.Words;
        var launch = new ServiceLaunch
        {
            Service = service,
            Context = LaunchContext.Pod,
            Where = where,
            Line = doc.Line(container.Pointer),
            Words = [.. extraWords ?? [], .. words],
            CommandLine = doc.Line(container.CommandPointer),
            HostNetwork = hostNetwork,
            DefaultListen = defaultListen,
        };
        foreach (var entry in container.Environment)
        {
            launch.Env[entry.Name] = (entry.Value, doc.Line(entry.Pointer));
        }

        return launch;
    }

    private static JsonNode? ContainerNode(YamlDocument doc, string pointer)
    {
        JsonNode? node = doc.Root;
        foreach (var segment in pointer.Trim('/').Split('/'))
        {
            node = node is JsonArray list && int.TryParse(segment, out var index) && index < list.Count ? list[index] : (node as JsonObject)?[segment];
        }

        return node;
    }

    private static List<PodLaunch> Selected(YamlDocument service, List<PodLaunch> pods)
    {
        var ns = KubernetesManifest.Namespace(service.Root);
        var selector = KubernetesManifest.Selector(service.Root);
        return [.. pods.Where(p => p.Namespace == ns && KubernetesManifest.Selects(selector, p.Labels))];
    }

    private static void OpenThroughService(YamlDocument service, List<PodLaunch> pods)
    {
        if (OutsideType(service.Root) is not { } type)
        {
            return;
        }

        var name = KubernetesManifest.Name(service.Root) ?? "service";
        var line = service.Line("/spec/type") is > 0 and var l ? l : service.Line("/spec");
        foreach (var pod in Selected(service, pods))
        {
            foreach (var target in Targets(service.Root, pod))
            {
                pod.Launch.Open.Add(new OpenPort(target, target, $"Service '{name}' {type}", line));
            }
        }
    }

    private static void OpenThroughIngress(YamlDocument ingress, List<YamlDocument> services, List<PodLaunch> pods)
    {
        var ns = KubernetesManifest.Namespace(ingress.Root);
        var name = KubernetesManifest.Name(ingress.Root) ?? "ingress";
        var auth = KubernetesManifest.IngressHasAuthAnnotation(ingress.Root) ? $"Ingress '{name}' asks an authentication provider" : null;
        foreach (var backend in KubernetesManifest.IngressBackends(ingress.Root).Distinct(StringComparer.Ordinal))
        {
            var how = $"Ingress '{name}' routes to Service '{backend}'";
            foreach (var pod in pods.Where(p => p.Namespace == ns && p.HeadService == backend))
            {
                Open(pod, [.. pod.Launch.Service.Ports.Select(p => pod.Launch.PortOf(p.Port))], how, ingress.Line(""), auth);
            }

            var service = services.FirstOrDefault(s => KubernetesManifest.Namespace(s.Root) == ns && KubernetesManifest.Name(s.Root) == backend);
            if (service is null)
            {
                continue;
            }

            foreach (var pod in Selected(service, pods))
            {
                Open(pod, Targets(service.Root, pod), how, ingress.Line(""), auth);
            }
        }
    }

    private static void Open(PodLaunch pod, IEnumerable<int> targets, string how, int line, string? auth)
    {
        foreach (var target in targets)
        {
            pod.Launch.Open.Add(new OpenPort(target, target, how, line));
        }

        pod.Launch.FrontAuth ??= auth;
    }

    // The container ports a Service sends to: numeric targetPort, a named one resolved through the container, else port.
    private static IEnumerable<int> Targets(JsonNode? service, PodLaunch pod)
    {
        foreach (var entry in YamlNodes.Array(YamlNodes.Object(service, "spec"), "ports") ?? [])
        {
            var target = YamlNodes.Object(entry)?["targetPort"];
            if (YamlNodes.Int(target) is { } number)
            {
                yield return number;
            }
            else if (YamlNodes.Text(target) is { } named && pod.NamedPorts.TryGetValue(named, out var resolved))
            {
                yield return resolved;
            }
            else if (YamlNodes.Int(YamlNodes.Object(entry)?["port"]) is { } port)
            {
                yield return port;
            }
        }
    }
}
