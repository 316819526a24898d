using AtlasGuard.Core.Findings;

namespace AtlasGuard.ThreatModel.Model;

/// <summary>Where each component type sits by default, and which types serve a model.</summary>
public static class ComponentPhases
{
    /// <summary>The phase a component of this type gets when the document does not name one.</summary>
    public static MlopsPhase DefaultPhase(ComponentType type) => type switch
    {
        ComponentType.DataSource or ComponentType.DataStore or ComponentType.LabelingService or ComponentType.FeatureStore => MlopsPhase.Data,
        ComponentType.NotebookEnv => MlopsPhase.Development,
        ComponentType.TrainingCompute or ComponentType.Orchestrator => MlopsPhase.Training,
        ComponentType.ExperimentTracking => MlopsPhase.Evaluation,
        ComponentType.ModelRegistry or ComponentType.Cicd or ComponentType.ContainerRegistry => MlopsPhase.Deployment,
        ComponentType.Monitoring => MlopsPhase.Monitoring,
        _ => MlopsPhase.Serving,
    };

    /// <summary>Whether a component of this type can serve a model (<c>serves</c>).</summary>
    public static bool CanServe(ComponentType type) =>
        type is ComponentType.InferenceEndpoint or ComponentType.LlmEndpoint or ComponentType.Agent;
}
