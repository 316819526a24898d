using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Kubernetes;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// KubeRay RayCluster, RayJob and RayService heads. KubeRay starts the head with <c>--dashboard-host=0.0.0.0</c>
/// unless rayStartParams say otherwise; the head Service type, <c>enableIngress</c>, Services and Ingresses decide
/// who reaches it; token authentication is <c>spec.authOptions.mode: token</c> or <c>RAY_AUTH_MODE=token</c>.
/// </summary>
internal static class KubeRay
{
    public static string? HeadPointer(string? kind) => kind switch
    {
        "RayCluster" => "/spec/headGroupSpec",
        "RayJob" => "/spec/rayClusterSpec/headGroupSpec",
        "RayService" => "/spec/rayClusterConfig/headGroupSpec",
        _ => null,
    };

    public static PodLaunch Head(YamlDocument doc, string kind, string headPointer, MlopsService ray)
    {
        var name = KubernetesManifest.Name(doc.Root) ?? kind.ToLowerInvariant();
        var head = KubernetesManifest.ObjectAt(doc.Root, headPointer);
        var parameters = (YamlNodes.Object(head, "rayStartParams") ?? [])
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"--{p.Key}={YamlNodes.Text(p.Value)}").ToList();
        var containers = KubernetesManifest.Containers(doc.Root, headPointer + "/template/spec");
        var container = containers.Count > 0 ? containers[0] : new KubernetesContainer(null, [], headPointer, [], headPointer);
        var launch = KubernetesLaunches.PodLaunchOf(doc, container, ray, null, $"{kind} '{name}'",
            YamlNodes.Text(YamlNodes.Object(head, "template", "spec"), "hostNetwork") == "true", defaultListen: "all", extraWords: parameters);
        var clusterSpec = YamlSourceMap.Parent(headPointer);
        if (YamlNodes.Text(YamlNodes.Object(KubernetesManifest.ObjectAt(doc.Root, clusterSpec), "authOptions"), "mode") is { } mode && mode.Equals("token", StringComparison.OrdinalIgnoreCase))
        {
            launch.FrontAuth = "KubeRay authOptions.mode: token";
        }

        if (YamlNodes.Text(head, "serviceType") is "LoadBalancer" or "NodePort")
        {
            launch.Open.Add(OpenPort.Every($"head serviceType {YamlNodes.Text(head, "serviceType")}", doc.Line(headPointer + "/serviceType")));
        }

        if (YamlNodes.Text(head, "enableIngress") == "true" && ray.DashboardPort is { } dashboard)
        {
            launch.Open.Add(new OpenPort(dashboard, dashboard, "enableIngress: true routes the cluster ingress to the dashboard", doc.Line(headPointer + "/enableIngress")));
        }

        var labels = KubernetesManifest.Labels(KubernetesManifest.ObjectAt(doc.Root, headPointer + "/template"));
        labels["ray.io/cluster"] = name;
        labels["ray.io/node-type"] = "head";
        return new PodLaunch(launch, KubernetesManifest.Namespace(doc.Root), labels, new Dictionary<string, int>(StringComparer.Ordinal) { ["dashboard"] = 8265, ["client"] = 10001, ["gcs-server"] = 6379 }, name + "-head-svc");
    }
}
