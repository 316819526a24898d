using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Yaml;
using AtlasGuard.ThreatModel.Discovery.Draft;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>
/// Ray nodes are not all alike: the head runs the dashboard and jobs API (an orchestrator), workers run the
/// submitted code (training compute). A <c>ray start</c> without <c>--head</c> and KubeRay worker groups are workers.
/// </summary>
internal static class RayRoles
{
    /// <summary>The service as a worker node sees it when the command starts a Ray worker; otherwise the service itself.</summary>
    public static MlopsService ForCommand(MlopsService service, ServiceConfig config)
    {
        var words = config.Words.Select(w => w.Trim('"', '\'', '[', ']', ',')).ToList();
        var start = words.IndexOf("start");
        var worker = service.Id == "ray" && start > 0 && words[start - 1].EndsWith("ray", StringComparison.Ordinal)
            && !words.Contains("--head") && words.Any(w => w.StartsWith("--address", StringComparison.Ordinal));
        return worker ? Worker(service) : service;
    }

    /// <summary>One training-compute component per KubeRay worker group, with a flow from the head that schedules work on it.</summary>
    public static void AddWorkerGroups(DraftDocument draft, DraftComponent head, MlopsService service, YamlDoc doc, string headPointer, string path)
    {
        var groupsPointer = SourceMap.Parent(headPointer) + "/workerGroupSpecs";
        var groups = YamlNodes.Array(YamlNodes.Object(doc.Root, SourceMap.Parent(headPointer).Trim('/').Split('/')), "workerGroupSpecs") ?? [];
        for (var i = 0; i < groups.Count && i < 50; i++)
        {
            var groupName = YamlNodes.Text(groups[i], "groupName") ?? "workers";
            var containers = YamlNodes.Array(YamlNodes.Object(groups[i], "template", "spec"), "containers") ?? [];
            var pointer = SourceMap.Child(groupsPointer, i);
            var config = containers.Count > 0
                ? KubernetesReader.Container(containers[0], pointer + "/template/spec/containers/0", doc, path)
                : new ServiceConfig(path);
            var worker = ServiceSignals.AddComponent(draft, head.Id + "-" + groupName, Worker(service), config, doc.Line(pointer), $"worker group '{groupName}' of '{head.Id}'");
            worker.Scope = head.Scope;
            SecretsInEnv.Apply(worker, config);
            Exposures.Raise(worker, "internal", "worker pods are reached through the head");
            draft.Flows.Add(new DraftFlow(head.Id, worker.Id, null, path, doc.Line(pointer), $"{head.Id} schedules submitted work on worker group '{groupName}'"));
        }
    }

    private static MlopsService Worker(MlopsService service) =>
        service with { ComponentType = "training_compute", Name = service.Name + " worker", DashboardPort = null, Note = null };
}
