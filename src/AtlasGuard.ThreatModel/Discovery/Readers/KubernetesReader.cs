using System.Text.Json.Nodes;
using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Kubernetes;
using AtlasGuard.Formats.Yaml;
using AtlasGuard.ThreatModel.Discovery.Draft;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>
/// Kubernetes manifests (multi-document YAML): workloads whose containers run a known MLOps product, and the
/// products' own resources (KubeRay RayCluster/RayJob/RayService, KServe InferenceService, Kubeflow, Seldon,
/// Argo). Services and Ingresses then decide exposure (<see cref="KubernetesExposure"/>).
/// </summary>
internal static class KubernetesReader
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];

    /// <summary>A cheap test before parsing: a manifest names both apiVersion and kind at the start of a line.</summary>
    public static bool LooksLikeManifest(string text) => KubernetesManifest.LooksLikeManifest(text);

    public static void Read(string text, string path, DraftDocument draft, MlopsServiceCatalog catalog)
    {
        var workloads = new List<KubernetesWorkload>();
        var network = new List<YamlDoc>();
        foreach (var doc in YamlDocuments.ReadKubernetesObjects(text, path, draft))
        {
            var kind = YamlNodes.Text(doc.Root, "kind");
            var apiVersion = YamlNodes.Text(doc.Root, "apiVersion");
            if (kind is "Service" or "Ingress")
            {
                network.Add(doc);
            }
            else if (WorkloadKinds.Contains(kind))
            {
                ReadWorkload(doc, kind!, path, draft, catalog, workloads);
            }
            else if (catalog.MatchKubernetesKind(apiVersion, kind) is { } service)
            {
                workloads.Add(KubernetesResources.Read(doc, kind!, service, path, draft, catalog));
            }
        }

        KubernetesExposure.Apply(workloads, network, path);
    }

    private static void ReadWorkload(YamlDoc doc, string kind, string path, DraftDocument draft, MlopsServiceCatalog catalog, List<KubernetesWorkload> workloads)
    {
        var name = YamlNodes.Text(YamlNodes.Object(doc.Root, "metadata"), "name") ?? kind.ToLowerInvariant();
        var templatePointer = KubernetesManifest.PodTemplatePointer(kind) ?? "/spec/template";
        var template = KubernetesManifest.ObjectAt(doc.Root, templatePointer);
        var podSpec = YamlNodes.Object(template, "spec");
        if (podSpec is null)
        {
            return;
        }

        var specPointer = templatePointer + "/spec";
        var containers = YamlNodes.Array(podSpec, "containers") ?? [];
        for (var i = 0; i < containers.Count; i++)
        {
            var containerPointer = SourceMap.Child(SourceMap.Child(specPointer, "containers"), i);
            var config = Container(containers[i], containerPointer, doc, path);
            var image = YamlNodes.Text(containers[i], "image");
            var service = catalog.MatchImage(image) ?? catalog.MatchCommand(config.CommandText);
            if (service is null)
            {
                continue;
            }

            var how = catalog.MatchImage(image) is not null ? $"image {image} in {kind} '{name}'" : $"the command of {kind} '{name}'";
            service = RayRoles.ForCommand(service, config);
            var component = ServiceSignals.AddComponent(draft, name, service, config, doc.Line(containerPointer), how);
            var workload = new KubernetesWorkload(component, service, Namespace(doc.Root), Labels(template), null);
            component.Scope = "k8s:" + workload.Namespace;
            component.HostNames.Add(name);
            AddAddresses(component, config);
            SecretsInEnv.Apply(component, config);
            HostLevelExposure(component, service, podSpec, containers[i], specPointer, containerPointer, doc, path);
            workloads.Add(workload);
            return;
        }

        draft.Note(path, doc.Line(""), $"{kind} '{name}' runs no known MLOps product; add it by hand if it belongs to the pipeline.");
    }

    internal static ServiceConfig Container(JsonNode? container, string pointer, YamlDoc doc, string path)
    {
        var read = KubernetesManifest.Container(container, pointer);
        var config = new ServiceConfig(path) { CommandLine = doc.Line(read.CommandPointer) };
        config.Words.AddRange(read.Words);

        // A value from a Secret is a credential in the environment even though the manifest does not show it.
        foreach (var entry in read.Environment)
        {
            config.Env[entry.Name] = (entry.Value, doc.Line(entry.Pointer));
        }

        return config;
    }

    internal static void AddAddresses(DraftComponent component, ServiceConfig config)
    {
        foreach (var (key, (value, line)) in config.Env)
        {
            component.Addresses.Add(($"{key}={value}", config.Path, line));
        }

        component.Addresses.Add((config.CommandText, config.Path, config.CommandLine));
    }

    internal static string Namespace(JsonNode? root) => KubernetesManifest.Namespace(root);

    internal static Dictionary<string, string> Labels(JsonNode? template) => KubernetesManifest.Labels(template);

    private static void HostLevelExposure(DraftComponent component, MlopsService service, JsonObject podSpec, JsonNode? container,
        string specPointer, string containerPointer, YamlDoc doc, string path)
    {
        if (YamlNodes.Text(podSpec, "hostNetwork") == "true")
        {
            var line = doc.Line(SourceMap.Child(specPointer, "hostNetwork"));
            component.AddEvidence(path, line, "hostNetwork: true: its ports are ports of the node");
            Exposures.Raise(component, "internet", $"hostNetwork: true ({path}:{line}); narrow this if the nodes are not reachable from outside");
            Exposures.RaiseDashboard(component, "internet", "hostNetwork: true");
        }

        var ports = YamlNodes.Array(container, "ports") ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            if (YamlNodes.Int(YamlNodes.Object(ports[i])?["hostPort"]) is { } hostPort)
            {
                var line = doc.Line(SourceMap.Child(SourceMap.Child(containerPointer, "ports"), i));
                var target = YamlNodes.Int(YamlNodes.Object(ports[i])?["containerPort"]);
                component.AddEvidence(path, line, $"container port {target} bound to node port {hostPort} (hostPort)");
                Exposures.Raise(component, "internet", $"hostPort {hostPort} ({path}:{line}); narrow this if the nodes are not reachable from outside");
                if (target == service.DashboardPort)
                {
                    Exposures.RaiseDashboard(component, "internet", "dashboard port bound to a node port");
                }
            }
        }
    }
}

/// <summary>A component drafted from a manifest, with what Services use to select it.</summary>
// DefaultInternal: whether a workload no Service exposes is internal; false where the product routes through an ingress of its own.
internal sealed record KubernetesWorkload(DraftComponent Component, MlopsService Service, string Namespace, Dictionary<string, string> Labels, string? RayCluster,
    bool DefaultInternal = true);
