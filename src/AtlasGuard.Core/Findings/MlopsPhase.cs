namespace AtlasGuard.Core.Findings;

/// <summary>The eight phases of AtlasGuard's MLOps taxonomy.</summary>
public enum MlopsPhase
{
    /// <summary>Requirements, threat model, AI-BOM, access design.</summary>
    Planning = 0,

    /// <summary>Data sources, labeling, feature store, data lake.</summary>
    Data = 1,

    /// <summary>Notebooks, ML code, dependencies, base models.</summary>
    Development = 2,

    /// <summary>Training compute, orchestration, checkpoints.</summary>
    Training = 3,

    /// <summary>Experiment tracking, evaluation sets, red-team harness.</summary>
    Evaluation = 4,

    /// <summary>Model registry, CI/CD, container registry, packaging.</summary>
    Deployment = 5,

    /// <summary>Inference endpoints, LLM endpoints, RAG stores, agents and tools.</summary>
    Serving = 6,

    /// <summary>Telemetry, drift, feedback loops, retraining.</summary>
    Monitoring = 7,
}

/// <summary>The three stages of the survey that the eight phases roll up to.</summary>
public enum SurveyStage
{
    /// <summary>Design and set-up.</summary>
    DesignSetup = 0,

    /// <summary>Model development and evaluation.</summary>
    ModelDevelopmentAndEvaluation = 1,

    /// <summary>Operations.</summary>
    Operations = 2,
}

/// <summary>Names and roll-ups of <see cref="MlopsPhase"/>.</summary>
public static class MlopsPhases
{
    /// <summary>All phases in pipeline order.</summary>
    public static IReadOnlyList<MlopsPhase> All { get; } = Enum.GetValues<MlopsPhase>();

    /// <summary>The lower-case wire name ("development", "serving", ...).</summary>
    public static string ToWireName(this MlopsPhase phase) => phase switch
    {
        MlopsPhase.Planning => "planning",
        MlopsPhase.Data => "data",
        MlopsPhase.Development => "development",
        MlopsPhase.Training => "training",
        MlopsPhase.Evaluation => "evaluation",
        MlopsPhase.Deployment => "deployment",
        MlopsPhase.Serving => "serving",
        MlopsPhase.Monitoring => "monitoring",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown phase."),
    };

    /// <summary>Parses a wire name.</summary>
    public static bool TryParse(string? text, out MlopsPhase phase)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWireName(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                phase = candidate;
                return true;
            }
        }

        phase = MlopsPhase.Planning;
        return false;
    }

    /// <summary>The survey stage a phase belongs to.</summary>
    public static SurveyStage Stage(this MlopsPhase phase) => phase switch
    {
        MlopsPhase.Planning or MlopsPhase.Data => SurveyStage.DesignSetup,
        MlopsPhase.Development or MlopsPhase.Training or MlopsPhase.Evaluation => SurveyStage.ModelDevelopmentAndEvaluation,
        _ => SurveyStage.Operations,
    };

    /// <summary>The survey's own name for a stage.</summary>
    public static string DisplayName(this SurveyStage stage) => stage switch
    {
        SurveyStage.DesignSetup => "Design/Setup",
        SurveyStage.ModelDevelopmentAndEvaluation => "Model Development and Evaluation",
        SurveyStage.Operations => "Operations",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };
}
