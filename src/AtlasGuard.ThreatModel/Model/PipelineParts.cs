using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.ThreatModel.Model;

/// <summary>Who owns the pipeline and which ATLAS release the document was written against.</summary>
public sealed record ModelMetadata(
    string Name,
    string? Title,
    string Owner,
    Criticality BusinessCriticality,
    string AtlasVersion,
    JsonObject Node);

/// <summary>A network or organisational area whose members trust each other equally.</summary>
public sealed record TrustZone(string Id, TrustLevel Trust, JsonObject Node, SourcePosition Position);

/// <summary>A body of data the pipeline holds or moves. <see cref="Node"/> holds every property as written.</summary>
public sealed record DataAsset(
    string Id,
    DataClassification Classification,
    bool ContainsPii,
    Criticality Integrity,
    Criticality? Availability,
    JsonObject Node,
    SourcePosition Position);

/// <summary>
/// A model the pipeline trains, hosts or calls. Wire-name strings are kept for open-ended lists (serialization
/// formats, base models); <see cref="Node"/> holds every property as written.
/// </summary>
public sealed record ModelAsset(
    string Id,
    string Kind,
    string? Task,
    string DecisionUse,
    string IpValue,
    string WeightsExposure,
    ImmutableArray<string> TrainedOn,
    ImmutableArray<string> Serialization,
    ImmutableArray<string> BaseModels,
    string? Hosting,
    JsonObject Node,
    SourcePosition Position);

/// <summary>
/// A typed part of the pipeline. <see cref="Props"/> is the type's properties (an empty object when the document
/// gives none) and <see cref="Node"/> the whole component, both as written, for the rule language.
/// <see cref="Exposure"/> is null when the document does not say.
/// </summary>
public sealed record Component(
    string Id,
    ComponentType Type,
    MlopsPhase Phase,
    string Zone,
    Exposure? Exposure,
    string? Serves,
    JsonObject Props,
    JsonObject Node,
    SourcePosition Position)
{
    /// <summary>
    /// Where the component lives in the scanned repository: paths or globs relative to the scan root, with forward
    /// slashes (<c>*</c> within a folder, <c>**</c> across folders). Findings under them are evidence for its threats.
    /// </summary>
    public ImmutableArray<string> Sources { get; init; } = [];
}

/// <summary>Something moving from one component to another: data assets, a model artifact, or both.</summary>
public sealed record Flow(
    string? Id,
    string From,
    string To,
    ImmutableArray<string> Data,
    string? Artifact,
    string? Auth,
    bool? Encrypted,
    bool? Verified,
    JsonObject Node,
    SourcePosition Position);

/// <summary>A declared safeguard, with the ATLAS mitigation ids it implements and the components it covers.</summary>
public sealed record Control(
    string Id,
    ImmutableArray<string> Implements,
    ImmutableArray<string> AppliesTo,
    ControlStatus Status,
    JsonObject Node,
    SourcePosition Position);

/// <summary>
/// A decision about one threat. <see cref="Threat"/> is the reference as written (<c>RULE@COMPONENT[@PROFILE]</c>,
/// <c>*</c> for any); <see cref="ThreatId"/>, <see cref="ComponentId"/> and <see cref="ProfileId"/> are its parts.
/// </summary>
public sealed record RiskTrackingEntry(
    string Threat,
    string ThreatId,
    string ComponentId,
    string ProfileId,
    RiskStatus Status,
    string Owner,
    DateOnly Date,
    string Justification,
    DateOnly? Expires,
    string? Ticket,
    JsonObject Node,
    SourcePosition Position);
