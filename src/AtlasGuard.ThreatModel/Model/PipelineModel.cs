using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Profiles;

namespace AtlasGuard.ThreatModel.Model;

/// <summary>
/// A validated pipeline model: typed core fields, plus each part's properties as a
/// <see cref="System.Text.Json.Nodes"/> tree for the rule language (<see cref="Component.Props"/>,
/// <see cref="Component.Node"/>, <see cref="ModelAsset.Node"/>, <see cref="AttackerProfile.Node"/>, ...).
/// The JSON trees are shared, not copied: treat them as read-only.
/// </summary>
public sealed class PipelineModel
{
    private readonly FrozenDictionary<string, Component> _components;
    private readonly FrozenDictionary<string, DataAsset> _dataAssets;
    private readonly FrozenDictionary<string, ModelAsset> _modelAssets;
    private readonly FrozenDictionary<string, TrustZone> _zones;
    private readonly FrozenDictionary<string, AttackerProfile> _profiles;

    internal PipelineModel(
        string file,
        ModelMetadata metadata,
        ImmutableArray<TrustZone> trustZones,
        ImmutableArray<DataAsset> dataAssets,
        ImmutableArray<ModelAsset> modelAssets,
        ImmutableArray<Component> components,
        ImmutableArray<Flow> flows,
        ImmutableArray<Control> controls,
        ImmutableArray<AttackerProfile> attackerProfiles,
        ImmutableArray<RiskTrackingEntry> riskTracking,
        JsonObject root)
    {
        File = file;
        Metadata = metadata;
        TrustZones = trustZones;
        DataAssets = dataAssets;
        ModelAssets = modelAssets;
        Components = components;
        Flows = flows;
        Controls = controls;
        AttackerProfiles = attackerProfiles;
        RiskTracking = riskTracking;
        Root = root;
        _components = components.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        _dataAssets = dataAssets.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
        _modelAssets = modelAssets.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
        _zones = trustZones.ToFrozenDictionary(z => z.Id, StringComparer.Ordinal);
        _profiles = attackerProfiles.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The file the model was read from, as given to the loader.</summary>
    public string File { get; }

    /// <summary>Name, owner, business criticality and ATLAS version.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>Trust zones in document order.</summary>
    public ImmutableArray<TrustZone> TrustZones { get; }

    /// <summary>Data assets in document order.</summary>
    public ImmutableArray<DataAsset> DataAssets { get; }

    /// <summary>Model assets in document order.</summary>
    public ImmutableArray<ModelAsset> ModelAssets { get; }

    /// <summary>Components in document order.</summary>
    public ImmutableArray<Component> Components { get; }

    /// <summary>Flows in document order.</summary>
    public ImmutableArray<Flow> Flows { get; }

    /// <summary>Declared controls in document order.</summary>
    public ImmutableArray<Control> Controls { get; }

    /// <summary>The profiles to evaluate: references resolved (with their <c>via</c> applied) and inline ones, in document order.</summary>
    public ImmutableArray<AttackerProfile> AttackerProfiles { get; }

    /// <summary>Risk-tracking decisions in document order.</summary>
    public ImmutableArray<RiskTrackingEntry> RiskTracking { get; }

    /// <summary>The whole document as a JSON tree.</summary>
    public JsonObject Root { get; }

    /// <summary>The component with this id, or null.</summary>
    public Component? FindComponent(string id) => _components.GetValueOrDefault(id);

    /// <summary>The data asset with this id, or null.</summary>
    public DataAsset? FindDataAsset(string id) => _dataAssets.GetValueOrDefault(id);

    /// <summary>The model asset with this id, or null.</summary>
    public ModelAsset? FindModelAsset(string id) => _modelAssets.GetValueOrDefault(id);

    /// <summary>The trust zone with this id, or null.</summary>
    public TrustZone? FindTrustZone(string id) => _zones.GetValueOrDefault(id);

    /// <summary>The attacker profile with this id, or null.</summary>
    public AttackerProfile? FindProfile(string id) => _profiles.GetValueOrDefault(id);

    /// <summary>The model a component serves, or null.</summary>
    public ModelAsset? ModelServedBy(Component component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Serves is { } id ? FindModelAsset(id) : null;
    }

    /// <summary>The controls that apply to a component, in document order.</summary>
    public IEnumerable<Control> ControlsOf(string componentId) =>
        Controls.Where(c => c.AppliesTo.Contains(componentId, StringComparer.Ordinal));
}
