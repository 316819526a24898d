using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Profiles;

/// <summary>What an attacker wants to break (NIST AI 100-2 goals; confidentiality includes privacy).</summary>
public enum AttackerGoal
{
    /// <summary>Make the system decide wrongly.</summary>
    Integrity,

    /// <summary>Make the system slow, costly or unusable.</summary>
    Availability,

    /// <summary>Learn what should stay secret: the model, its training data, its prompts.</summary>
    Confidentiality,

    /// <summary>Make the system serve the attacker's own ends.</summary>
    Abuse,
}

/// <summary>How much the attacker knows about the model.</summary>
public enum KnowledgeLevel
{
    /// <summary>Everything: architecture, weights, data.</summary>
    WhiteBox,

    /// <summary>Part of it: the model family, the features, the data distribution.</summary>
    GreyBox,

    /// <summary>Only what the model answers.</summary>
    BlackBox,
}

/// <summary>How much of something the attacker controls.</summary>
public enum ControlLevel
{
    /// <summary>None.</summary>
    None,

    /// <summary>Some of it.</summary>
    Partial,

    /// <summary>All of it.</summary>
    Full,
}

/// <summary>The attacker's skill.</summary>
public enum SkillLevel
{
    /// <summary>Runs what others wrote.</summary>
    Novice,

    /// <summary>Adapts known attacks.</summary>
    Practitioner,

    /// <summary>Builds new attacks.</summary>
    Expert,

    /// <summary>State-backed, patient and well funded.</summary>
    NationState,
}

/// <summary>The ATLAS AI model access routes.</summary>
public enum ModelAccessType
{
    /// <summary>Queries an inference API.</summary>
    InferenceApi,

    /// <summary>Uses a product built on the model.</summary>
    AiEnabledProduct,

    /// <summary>Changes what the model's sensors see.</summary>
    PhysicalEnvironment,

    /// <summary>Holds the weights.</summary>
    FullModel,
}

/// <summary>Where a profile was defined.</summary>
public enum ProfileOrigin
{
    /// <summary>Shipped with AtlasGuard.</summary>
    BuiltIn,

    /// <summary>A <c>kind: AttackerProfiles</c> file.</summary>
    ProfilesFile,

    /// <summary>Inside the pipeline document.</summary>
    Inline,
}

/// <summary>One way to the model; <see cref="Via"/> names the components it goes through (empty: not bound).</summary>
public sealed record ModelAccess(ModelAccessType Type, ImmutableArray<string> Via);

/// <summary>What the attacker can reach: the model, a network position, inside the organisation, the supply chain.</summary>
public sealed record AttackerAccess(
    ImmutableArray<ModelAccess> Model,
    string Network,
    string Insider,
    ImmutableArray<string> Supplier);

/// <summary>What the attacker can do. A null level means the profile does not say.</summary>
public sealed record AttackerCapabilities(
    ControlLevel TrainingDataControl,
    ControlLevel? LabelControl,
    ControlLevel ModelControl,
    ControlLevel? SourceCodeControl,
    ControlLevel? TestingDataControl,
    ControlLevel? ResourceControl,
    long QueryBudget,
    long Identities,
    string? Compute);

/// <summary>
/// An adversary. <see cref="Node"/> is the profile as a JSON tree (for a reference, the referenced profile with the
/// pipeline's <c>via</c> applied), which is what the rule language sees as <c>attacker</c>.
/// </summary>
public sealed record AttackerProfile(
    string Id,
    string? Name,
    string? Description,
    ImmutableArray<AttackerGoal> Goals,
    ImmutableArray<string> Objectives,
    KnowledgeLevel Knowledge,
    ImmutableArray<string> Knows,
    AttackerAccess Access,
    AttackerCapabilities Capabilities,
    SkillLevel Skill,
    ProfileOrigin Origin,
    string SourceFile,
    JsonObject Node,
    SourcePosition Position);
