using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Model;
using static AtlasGuard.ThreatModel.Tests.Discovery.Drafts;

namespace AtlasGuard.ThreatModel.Tests.Discovery;

public class KubernetesDiscoveryTests
{
    [Fact]
    public async Task A_RayCluster_behind_a_LoadBalancer_is_exposed_with_its_dashboard()
    {
        var (result, model) = await CaseAsync("k8s-raycluster");

        var ray = Get(model, "raycluster-prod");
        Assert.Equal(ComponentType.Orchestrator, ray.Type);
        Assert.Equal(Exposure.Internet, ray.Exposure);
        Assert.Equal("internet", Prop(ray, "dashboard_exposure"));
        Assert.Equal("none", Prop(ray, "auth"));
        Assert.Equal("true", Prop(ray, "secrets_in_env"));
        Assert.Contains(result.Evidence, e => e.Element == "raycluster-prod" && e.Path == "ray.yaml" && e.Line == 38 && e.Fact.Contains("LoadBalancer", StringComparison.Ordinal));
        Assert.Contains(result.Evidence, e => e.Element == "raycluster-prod" && e.Line == 10 && e.Fact.Contains("all interfaces", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_items_of_a_kubectl_List_export_are_read_as_objects_at_their_lines()
    {
        var (result, model) = await CaseAsync("k8s-list");

        var ray = Get(model, "ray-head");
        Assert.Equal(Exposure.Internet, ray.Exposure);
        Assert.Contains(result.Evidence, e => e.Element == "ray-head" && e.Path == "exported.yaml" && e.Line == 31 && e.Fact.Contains("LoadBalancer", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Notes, n => n.Message.Contains("List", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ClusterIP_service_stays_internal_and_in_cluster_names_give_flows()
    {
        var (result, model) = await CaseAsync("k8s-raycluster");

        var mlflow = Get(model, "mlflow");
        Assert.Equal(Exposure.Internal, mlflow.Exposure);
        Assert.Equal("none", Prop(mlflow, "auth"));
        var flow = Assert.Single(model.Flows, f => f.To == "mlflow");
        Assert.Equal(("raycluster-prod", (bool?)false), (flow.From, flow.Encrypted));
        Assert.Contains(result.Notes, n => n.Path == "mlflow.yaml" && n.Message.Contains("'nginx'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KubeRay_worker_groups_are_training_compute_fed_by_the_head()
    {
        var (result, model) = await CaseAsync("k8s-raycluster");

        var workers = Get(model, "raycluster-prod-gpu");
        Assert.Equal(ComponentType.TrainingCompute, workers.Type);
        Assert.Equal("ray", Prop(workers, "platform"));
        Assert.Equal(Exposure.Internal, workers.Exposure);
        Assert.Contains(model.Flows, f => f.From == "raycluster-prod" && f.To == "raycluster-prod-gpu");
        Assert.Contains(result.Evidence, e => e.Element == "raycluster-prod-gpu" && e.Line == 23);
    }

    [Fact]
    public async Task KServe_InferenceServices_serve_drafted_model_assets()
    {
        var (result, model) = await CaseAsync("kserve");

        var fraud = Get(model, "fraud-scorer");
        Assert.Equal(ComponentType.InferenceEndpoint, fraud.Type);
        Assert.Null(fraud.Exposure);
        Assert.Contains(result.Questions, q => q.Element == "fraud-scorer" && q.Field == "exposure");
        Assert.Equal("fraud-scorer-model", fraud.Serves);
        Assert.Equal(["pytorch"], model.FindModelAsset("fraud-scorer-model")!.Serialization.Select(s => s.ToString().ToLowerInvariant()));

        var churn = Get(model, "churn-internal");
        Assert.Equal(Exposure.Internal, churn.Exposure);
        Assert.Empty(model.FindModelAsset("churn-internal-model")!.Serialization);
    }

    [Fact]
    public async Task An_Ingress_exposes_the_workload_behind_its_Service()
    {
        using var tree = new TempTree();
        tree.Write("deploy/jupyter.yaml", """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: { name: lab }
            spec:
              template:
                metadata: { labels: { app: lab } }
                spec:
                  containers:
                    - name: lab
                      image: jupyter/scipy-notebook:latest
                      args: ["start-notebook.sh", "--NotebookApp.token="]
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: lab-svc }
            spec: { selector: { app: lab }, ports: [ { port: 80, targetPort: 8888 } ] }
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: { name: lab-ingress }
            spec:
              rules:
                - http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend: { service: { name: lab-svc, port: { number: 80 } } }
            """);

        var (result, model) = await DiscoverAsync(tree.Root);

        var lab = Get(model, "lab");
        Assert.Equal(Exposure.Internet, lab.Exposure);
        Assert.Equal("none", Prop(lab, "auth"));
        Assert.Contains(result.Evidence, e => e.Element == "lab" && e.Fact.Contains("Ingress 'lab-ingress'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Helm_templates_are_noted_not_parsed()
    {
        using var tree = new TempTree();
        tree.Write("chart/templates/ray.yaml", "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: {{ .Release.Name }}\n");
        tree.Write("docker-compose.yml", "services:\n  ollama:\n    image: ollama/ollama\n    ports: [\"11434:11434\"]\n");

        var (result, model) = await DiscoverAsync(tree.Root);

        Assert.Contains(result.Notes, n => n.Path == "chart/templates/ray.yaml" && n.Message.Contains("template", StringComparison.Ordinal));
        Assert.Equal(ComponentType.LlmEndpoint, Get(model, "ollama").Type);
        Assert.Equal(Exposure.Internet, Get(model, "ollama").Exposure);
    }
}
