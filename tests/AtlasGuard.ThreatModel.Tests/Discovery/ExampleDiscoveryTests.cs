using AtlasGuard.ThreatModel.Model;
using static AtlasGuard.ThreatModel.Tests.Discovery.Drafts;

namespace AtlasGuard.ThreatModel.Tests.Discovery;

public class ExampleDiscoveryTests
{
    [Fact]
    public async Task The_fraud_detection_example_drafts_its_models_and_training_code()
    {
        var (result, model) = await DiscoverAsync(Example("fraud-detection"));

        Assert.Equal(["fraud_clf_v1", "fraud_clf_v2", "scaler", "sentiment-bert"], model.ModelAssets.Select(m => m.Id).Order(StringComparer.Ordinal));
        var bert = model.FindModelAsset("sentiment-bert")!;
        Assert.Equal(["hf:acme-nlp/sentiment-bert-mini"], bert.BaseModels.ToArray());
        Assert.Contains(result.Evidence, e => e.Element == "scaler" && e.Fact.StartsWith("joblib model file (identified by content)", StringComparison.Ordinal));
        Assert.Contains(result.Evidence, e => e.Element == "sentiment-bert" && e.Fact.Contains("pickle-based", StringComparison.Ordinal));
        var training = Get(model, "training");
        Assert.Equal(ComponentType.TrainingCompute, training.Type);
        Assert.Equal("none", Prop(training, "pinning"));
        Assert.Contains(result.Questions, q => q.Element == "scaler" && q.Field == "decision_use");
        Assert.Equal("unknown", model.FindModelAsset("scaler")!.DecisionUse);
        Assert.Equal(Criticality.Unknown, model.Metadata.BusinessCriticality);
    }

    [Fact]
    public async Task The_ray_cluster_example_looks_like_a_ShadowRay_victim()
    {
        var (_, model) = await DiscoverAsync(Example("ray-cluster-repo"));

        foreach (var id in new[] { "ray-head", "raycluster-research" })
        {
            var ray = Get(model, id);
            Assert.Equal(ComponentType.Orchestrator, ray.Type);
            Assert.Equal(Exposure.Internet, ray.Exposure);
            Assert.Equal("none", Prop(ray, "auth"));
            Assert.Equal("internet", Prop(ray, "dashboard_exposure"));
            Assert.Equal("true", Prop(ray, "secrets_in_env"));
        }

        Assert.Equal("none", Prop(Get(model, "jupyter"), "auth"));
        Assert.Equal("none", Prop(Get(model, "mlflow"), "auth"));
        Assert.Contains(model.Flows, f => f.From == "jupyter" && f.To == "ray-head");
        Assert.Contains(model.Flows, f => f.From == "jupyter" && f.To == "mlflow-2");
        Assert.Contains(model.Flows, f => f.From == "ray-worker" && f.To == "ray-head");
        Assert.Equal(ComponentType.TrainingCompute, Get(model, "ray-worker").Type);
        Assert.False(Get(model, "ray-worker").Props.ContainsKey("dashboard_exposure"));
        Assert.False(Get(model, "ray-worker").Props.ContainsKey("pinning"));
        Assert.Equal("none", Prop(Get(model, "training"), "pinning"));
        Assert.Equal(ComponentType.TrainingCompute, Get(model, "raycluster-research-gpu-workers").Type);
        Assert.Equal("true", Prop(Get(model, "raycluster-research"), "secrets_in_env"));
        Assert.Contains(model.Flows, f => f.From == "raycluster-research" && f.To == "mlflow");
    }
}
