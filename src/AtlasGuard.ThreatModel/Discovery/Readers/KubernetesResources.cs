using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Yaml;
using AtlasGuard.ThreatModel.Discovery.Draft;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>MLOps products' own Kubernetes resources: KubeRay clusters, KServe InferenceServices and the rest of the catalog's kinds.</summary>
internal static class KubernetesResources
{
    public static KubernetesWorkload Read(YamlDoc doc, string kind, MlopsService service, string path, DraftDocument draft, MlopsServiceCatalog catalog)
    {
        var name = YamlNodes.Text(YamlNodes.Object(doc.Root, "metadata"), "name") ?? kind.ToLowerInvariant();
        var head = kind switch
        {
            "RayCluster" => "/spec/headGroupSpec",
            "RayJob" => "/spec/rayClusterSpec/headGroupSpec",
            "RayService" => "/spec/rayClusterConfig/headGroupSpec",
            _ => null,
        };
        var config = new ServiceConfig(path) { CommandLine = doc.Line("") };
        if (head is not null)
        {
            ReadRayHead(doc, head, config, path);
        }

        var component = ServiceSignals.AddComponent(draft, name, service, config, doc.Line(""), $"{kind} '{name}'");
        component.Scope = "k8s:" + KubernetesReader.Namespace(doc.Root);
        component.HostNames.Add(name);
        if (kind == "RayCluster")
        {
            // KubeRay names the head Service after the cluster.
            component.HostNames.Add(name + "-head-svc");
        }

        KubernetesReader.AddAddresses(component, config);
        SecretsInEnv.Apply(component, config);
        if (head is not null)
        {
            RayServiceType(component, service, doc, head, path);
            RayRoles.AddWorkerGroups(draft, component, service, doc, head, path);
        }
        else if (kind == "InferenceService")
        {
            InferenceService(component, doc, name, path, draft);
        }

        var servesThroughIngress = service.ComponentType is "inference_endpoint" or "llm_endpoint";
        return new KubernetesWorkload(component, service, KubernetesReader.Namespace(doc.Root), [], kind == "RayCluster" ? name : null, !servesThroughIngress);
    }

    private static void ReadRayHead(YamlDoc doc, string head, ServiceConfig config, string path)
    {
        var headNode = YamlNodes.Object(doc.Root, head.Trim('/').Split('/'));
        if (YamlNodes.Object(headNode, "rayStartParams") is { } parameters)
        {
            foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                config.Words.Add($"--{key}={YamlNodes.Text(value)}");
            }

            config.CommandLine = doc.Line(head + "/rayStartParams");
        }

        var containers = YamlNodes.Array(YamlNodes.Object(headNode, "template", "spec"), "containers") ?? [];
        if (containers.Count > 0)
        {
            var headContainer = KubernetesReader.Container(containers[0], head + "/template/spec/containers/0", doc, path);
            foreach (var (key, value) in headContainer.Env)
            {
                config.Env[key] = value;
            }

            config.Words.AddRange(headContainer.Words);
        }
    }

    private static void RayServiceType(DraftComponent component, MlopsService service, YamlDoc doc, string head, string path)
    {
        var type = YamlNodes.Text(YamlNodes.Object(doc.Root, head.Trim('/').Split('/')), "serviceType");
        var line = doc.Line(head + "/serviceType");
        if (type is "LoadBalancer" or "NodePort")
        {
            component.AddEvidence(path, line, $"head Service type {type}: dashboard, GCS and client ports reachable from outside the cluster");
            Exposures.Raise(component, "internet", $"head serviceType {type} ({path}:{line}); narrow this if the load balancer is internal");
            if (service.DashboardPort is not null)
            {
                Exposures.RaiseDashboard(component, "internet", $"head serviceType {type}");
            }
        }
    }

    private static void InferenceService(DraftComponent component, YamlDoc doc, string name, string path, DraftDocument draft)
    {
        var labels = YamlNodes.Object(doc.Root, "metadata", "labels");
        if (YamlNodes.Text(labels, "networking.kserve.io/visibility") == "cluster-local")
        {
            component.AddEvidence(path, doc.Line("/metadata/labels"), "labelled cluster-local: no route from outside the cluster");
            Exposures.Raise(component, "internal", "networking.kserve.io/visibility: cluster-local");
        }
        else
        {
            component.Todos.Add("KServe routes an InferenceService through the cluster ingress unless it is labelled cluster-local: set exposure from your ingress set-up.");
        }

        var predictor = YamlNodes.Object(doc.Root, "spec", "predictor");
        var model = YamlNodes.Object(predictor, "model");
        var format = YamlNodes.Text(YamlNodes.Object(model, "modelFormat"), "name");
        var storage = YamlNodes.Text(model, "storageUri");
        if (format is null && predictor is not null)
        {
            // The older form names the framework as the predictor's key: predictor.sklearn.storageUri.
            foreach (var (key, value) in predictor)
            {
                if (YamlNodes.Text(value, "storageUri") is { } uri)
                {
                    (format, storage) = (key, uri);
                    break;
                }
            }
        }

        if (format is null && storage is null)
        {
            return;
        }

        var asset = draft.AddModel(name + "-model");
        var line = doc.Line("/spec/predictor");
        asset.Evidence.Add((path, line, $"served by InferenceService '{name}'{(format is null ? string.Empty : $", model format {format}")}{(storage is null ? string.Empty : $", loaded from {storage}")}"));
        if (ModelFormats.FromKServe(format) is { } serialization)
        {
            asset.Serialization.Add(serialization);
        }
        else if (format is not null)
        {
            asset.Todos.Add($"KServe model format '{format}' does not say the file format: add serialization.");
        }

        if (storage is not null && storage.StartsWith("hf://", StringComparison.Ordinal))
        {
            asset.BaseModels.Add("hf:" + storage["hf://".Length..]);
        }

        component.Serves = asset.Id;
    }
}
