using AtlasGuard.Formats.Kubernetes;
using AtlasGuard.Formats.Yaml;
using AtlasGuard.ThreatModel.Discovery.Draft;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>
/// Exposure of drafted workloads from the Services that select them (LoadBalancer, NodePort → internet;
/// ClusterIP → internal) and the Ingresses that route to those Services (→ internet).
/// </summary>
internal static class KubernetesExposure
{
    public static void Apply(List<KubernetesWorkload> workloads, List<YamlDoc> network, string path)
    {
        var byService = new Dictionary<string, List<KubernetesWorkload>>(StringComparer.Ordinal);
        foreach (var doc in network.Where(d => YamlNodes.Text(d.Root, "kind") == "Service"))
        {
            var name = YamlNodes.Text(YamlNodes.Object(doc.Root, "metadata"), "name");
            var selector = KubernetesManifest.Selector(doc.Root);
            if (name is null || selector.Count == 0)
            {
                continue;
            }

            var ns = KubernetesReader.Namespace(doc.Root);
            var selected = workloads.Where(w => w.Namespace == ns && Selects(selector, w)).ToList();
            byService[ns + "/" + name] = selected;
            foreach (var workload in selected)
            {
                ApplyService(workload, doc, name, path);
            }
        }

        foreach (var doc in network.Where(d => YamlNodes.Text(d.Root, "kind") == "Ingress"))
        {
            var ns = KubernetesReader.Namespace(doc.Root);
            var ingress = YamlNodes.Text(YamlNodes.Object(doc.Root, "metadata"), "name") ?? "ingress";
            foreach (var backend in KubernetesManifest.IngressBackends(doc.Root).Distinct(StringComparer.Ordinal))
            {
                foreach (var workload in byService.GetValueOrDefault(ns + "/" + backend) ?? [])
                {
                    var line = doc.Line("");
                    workload.Component.AddEvidence(path, line, $"Ingress '{ingress}' routes to Service '{backend}'");
                    Exposures.Raise(workload.Component, "internet", $"Ingress '{ingress}' routes to it ({path}:{line}); narrow this if the ingress is internal");
                    Exposures.RaiseDashboard(workload.Component, "internet", $"Ingress '{ingress}'");
                    if (KubernetesManifest.IngressHasAuthAnnotation(doc.Root))
                    {
                        workload.Component.Todos.Add($"Ingress '{ingress}' asks for authentication through an annotation: record it as a control if it covers every path.");
                    }
                }
            }
        }

        foreach (var workload in workloads.Where(w => w.DefaultInternal))
        {
            Exposures.Raise(workload.Component, "internal", "no Service or Ingress in the manifests exposes it outside the cluster");
            if (workload.Service.DashboardPort is not null)
            {
                Exposures.RaiseDashboard(workload.Component, "internal", "not exposed outside the cluster by the manifests");
            }
        }
    }

    private static bool Selects(Dictionary<string, string?> selector, KubernetesWorkload workload)
    {
        if (workload.RayCluster is not null)
        {
            return selector.TryGetValue("ray.io/cluster", out var cluster) && cluster == workload.RayCluster
                && (!selector.TryGetValue("ray.io/node-type", out var nodeType) || nodeType == "head");
        }

        return KubernetesManifest.Selects(selector, workload.Labels);
    }

    private static void ApplyService(KubernetesWorkload workload, YamlDoc doc, string name, string path)
    {
        var component = workload.Component;
        component.HostNames.Add(name);
        var type = YamlNodes.Text(YamlNodes.Object(doc.Root, "spec"), "type") ?? "ClusterIP";
        var line = doc.Line("/spec");
        if (type is not ("LoadBalancer" or "NodePort"))
        {
            return;
        }

        var ports = KubernetesManifest.ServicePorts(doc.Root);
        component.AddEvidence(path, line, $"Service '{name}' type {type} (ports {string.Join(", ", ports)})");
        Exposures.Raise(component, "internet", $"Service '{name}' type {type} ({path}:{line}); narrow this if the load balancer is internal");
        if (workload.Service.DashboardPort is { } dashboard && ports.Contains(dashboard))
        {
            Exposures.RaiseDashboard(component, "internet", $"dashboard port {dashboard} on Service '{name}' type {type}");
        }

        if (YamlNodes.Array(YamlNodes.Object(doc.Root, "spec"), "loadBalancerSourceRanges") is { Count: > 0 })
        {
            component.Todos.Add($"Service '{name}' limits loadBalancerSourceRanges: exposure may be partner or internal rather than internet.");
        }
    }
}
