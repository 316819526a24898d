namespace AtlasGuard.ThreatModel.Model;

/// <summary>The component types a pipeline model can hold; the wire name is the snake_case form (<c>llm_endpoint</c>).</summary>
public enum ComponentType
{
    /// <summary>Where raw data enters the pipeline.</summary>
    DataSource,

    /// <summary>A data lake, bucket, warehouse or database.</summary>
    DataStore,

    /// <summary>Who or what labels training data.</summary>
    LabelingService,

    /// <summary>Features shared between training and serving.</summary>
    FeatureStore,

    /// <summary>Interactive notebooks.</summary>
    NotebookEnv,

    /// <summary>Machines or clusters that train models.</summary>
    TrainingCompute,

    /// <summary>Pipeline and job scheduler (Ray, Kubeflow, Airflow).</summary>
    Orchestrator,

    /// <summary>Run and artifact tracking (MLflow, W&amp;B).</summary>
    ExperimentTracking,

    /// <summary>Versioned models for deployment.</summary>
    ModelRegistry,

    /// <summary>Build and release pipelines.</summary>
    Cicd,

    /// <summary>Container images.</summary>
    ContainerRegistry,

    /// <summary>An API over a predictive or embedding model.</summary>
    InferenceEndpoint,

    /// <summary>An API or chat front end over a generative model.</summary>
    LlmEndpoint,

    /// <summary>A retrieval index whose content goes into prompts.</summary>
    RagStore,

    /// <summary>An LLM that plans and calls tools.</summary>
    Agent,

    /// <summary>Something an agent can call.</summary>
    Tool,

    /// <summary>Telemetry, drift detection, feedback capture.</summary>
    Monitoring,
}

/// <summary>Threagile's scale of business criticality, also used for data integrity and availability.</summary>
public enum Criticality
{
    /// <summary>Kept for the record only.</summary>
    Archive,

    /// <summary>Day-to-day operations.</summary>
    Operational,

    /// <summary>Important to the business.</summary>
    Important,

    /// <summary>Critical to the business.</summary>
    Critical,

    /// <summary>The business stops without it.</summary>
    MissionCritical,

    /// <summary>Not decided yet; rules that need it report needs information.</summary>
    Unknown,
}

/// <summary>How far what runs in a trust zone is trusted.</summary>
public enum TrustLevel
{
    /// <summary>Anyone (the internet).</summary>
    Untrusted,

    /// <summary>A business partner's systems.</summary>
    Partner,

    /// <summary>A vendor or service provider.</summary>
    ThirdParty,

    /// <summary>The organisation's internal network.</summary>
    Internal,

    /// <summary>A restricted production or data zone.</summary>
    Restricted,
}

/// <summary>How confidential a data asset is.</summary>
public enum DataClassification
{
    /// <summary>Public.</summary>
    Public,

    /// <summary>Internal.</summary>
    Internal,

    /// <summary>Restricted.</summary>
    Restricted,

    /// <summary>Confidential.</summary>
    Confidential,

    /// <summary>Strictly confidential.</summary>
    StrictlyConfidential,
}

/// <summary>Who can reach a component over the network.</summary>
public enum Exposure
{
    /// <summary>Not reachable over the network.</summary>
    None,

    /// <summary>The internal network.</summary>
    Internal,

    /// <summary>Partners.</summary>
    Partner,

    /// <summary>The whole internet.</summary>
    Internet,
}

/// <summary>The status of a declared control.</summary>
public enum ControlStatus
{
    /// <summary>Decided but not built.</summary>
    Planned,

    /// <summary>In place.</summary>
    Implemented,

    /// <summary>In place and tested.</summary>
    Verified,
}

/// <summary>The decision recorded about a threat in the risk-tracking section.</summary>
public enum RiskStatus
{
    /// <summary>Known and borne.</summary>
    Accepted,

    /// <summary>Handled by means the model does not show.</summary>
    Mitigated,

    /// <summary>The threat does not apply.</summary>
    FalsePositive,
}
