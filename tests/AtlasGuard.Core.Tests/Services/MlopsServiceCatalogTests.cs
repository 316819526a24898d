using System.Text;
using AtlasGuard.Core.Services;

namespace AtlasGuard.Core.Tests.Services;

public class MlopsServiceCatalogTests
{
    private static readonly string[] ComponentTypes =
    [
        "data_source", "data_store", "labeling_service", "feature_store", "notebook_env", "training_compute", "orchestrator",
        "experiment_tracking", "model_registry", "cicd", "container_registry", "inference_endpoint", "llm_endpoint", "rag_store",
        "agent", "tool", "monitoring",
    ];

    private static readonly string[] AuthWords = ["none", "basic", "api_key", "token", "oauth", "sso", "mtls", "service_identity"];

    [Fact]
    public void Embedded_catalog_is_consistent()
    {
        var catalog = MlopsServiceCatalog.Default;

        Assert.True(catalog.Services.Length >= 30);
        foreach (var s in catalog.Services)
        {
            Assert.Contains(s.ComponentType, ComponentTypes);
            Assert.True(s.DefaultAuth is null || AuthWords.Contains(s.DefaultAuth), s.Id);
            Assert.All(s.AuthSettings, a => Assert.Contains(a.Auth, AuthWords));
            Assert.True(s.DashboardPort is null || s.HasPort(s.DashboardPort.Value), s.Id + " dashboard port is not among its ports");
            Assert.False(s.Images.IsEmpty && s.Commands.IsEmpty && s.KubernetesKinds.IsEmpty, s.Id + " cannot be recognised");
        }
    }

    [Theory]
    [InlineData("rayproject/ray:2.9.0-py310-gpu", "ray")]
    [InlineData("docker.io/rayproject/ray-ml@sha256:abc", "ray")]
    [InlineData("ghcr.io/mlflow/mlflow:v2.12.1", "mlflow")]
    [InlineData("registry.example.com:5000/mlflow/mlflow", "mlflow")]
    [InlineData("quay.io/jupyter/scipy-notebook:2024-05-01", "jupyter")]
    [InlineData("jupyterhub/jupyterhub:4", "jupyterhub")]
    [InlineData("nvcr.io/nvidia/tritonserver:24.01-py3", "triton")]
    [InlineData("ollama/ollama", "ollama")]
    [InlineData("redis/redis-stack:latest", "redis-stack")]
    [InlineData("redis:7-alpine", "redis")]
    [InlineData("library/postgres:16", "postgres")]
    public void Images_are_matched_whatever_the_registry_and_tag(string image, string expected) =>
        Assert.Equal(expected, MlopsServiceCatalog.Default.MatchImage(image)?.Id);

    [Theory]
    [InlineData("python:3.11-slim")]
    [InlineData("myorg/rayproject-ray")]
    [InlineData("redisinsight/redisinsight")]
    [InlineData("")]
    public void Unrelated_images_are_not_matched(string image) => Assert.Null(MlopsServiceCatalog.Default.MatchImage(image));

    [Theory]
    [InlineData("mlflow server --host 0.0.0.0 --port 5000", "mlflow")]
    [InlineData("/opt/conda/bin/ray start --head --dashboard-host=0.0.0.0 --block", "ray")]
    [InlineData("sh -c 'pip install x && jupyter lab --ip=0.0.0.0'", "jupyter")]
    [InlineData("bash -c \"exec streamlit run app.py\"", "streamlit")]
    public void Commands_are_matched_at_the_start_of_a_command(string command, string expected) =>
        Assert.Equal(expected, MlopsServiceCatalog.Default.MatchCommand(command)?.Id);

    [Fact]
    public void A_product_name_inside_arguments_is_not_a_command() =>
        Assert.Null(MlopsServiceCatalog.Default.MatchCommand("pip install tensorboard mlflow"));

    [Fact]
    public void Kubernetes_kinds_are_matched_by_group_and_kind()
    {
        Assert.Equal("ray", MlopsServiceCatalog.Default.MatchKubernetesKind("ray.io/v1", "RayCluster")?.Id);
        Assert.Equal("kserve", MlopsServiceCatalog.Default.MatchKubernetesKind("serving.kserve.io/v1beta1", "InferenceService")?.Id);
        Assert.Null(MlopsServiceCatalog.Default.MatchKubernetesKind("apps/v1", "Deployment"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("''", true)]
    [InlineData("\"\"", true)]
    [InlineData("abc", false)]
    public void An_empty_value_setting_matches_empty_and_quoted_empty_values(string seen, bool expected) =>
        Assert.Equal(expected, new ServiceSetting(ServiceSettingKind.Flag, "--ServerApp.token", "", "none").Matches(seen));

    [Fact]
    public void An_any_value_setting_needs_a_non_empty_value()
    {
        var setting = new ServiceSetting(ServiceSettingKind.Flag, "--api-key", null, "api_key");
        Assert.True(setting.Matches("secret"));
        Assert.False(setting.Matches("''"));
        Assert.False(setting.Matches(null));
    }

    [Fact]
    public void A_duplicate_id_is_rejected()
    {
        const string json = """{ "services": [ { "id": "a", "name": "A", "componentType": "tool", "images": ["a"] }, { "id": "a", "name": "B", "componentType": "tool", "images": ["b"] } ] }""";
        var e = Assert.Throws<InvalidOperationException>(() => MlopsServiceCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains("twice", e.Message, StringComparison.Ordinal);
    }
}
