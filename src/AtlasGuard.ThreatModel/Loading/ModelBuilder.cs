using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using AtlasGuard.Core.Findings;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Profiles;
using static AtlasGuard.ThreatModel.Loading.Json;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>Builds the typed model from a tree that passed the schema and the semantic checks.</summary>
internal static class ModelBuilder
{
    public static PipelineModel Build(string file, JsonObject root, SourceMap map, ImmutableArray<AttackerProfile> profiles)
    {
        var meta = root["metadata"]!;
        var metadata = new ModelMetadata(Str(meta, "name")!, Str(meta, "title"), Str(meta, "owner")!,
            WireNames.Parse<Criticality>(Str(meta, "business_criticality")!), Str(meta, "atlas_version")!, (JsonObject)meta);
        return new PipelineModel(
            file,
            metadata,
            [.. Items(root, "trust_zones").Select(z => new TrustZone(Str(z.Node, "id")!, WireNames.Parse<TrustLevel>(Str(z.Node, "trust")!), z.Node, map.ValueAt(z.Pointer)))],
            [.. Items(root, "data_assets").Select(a => DataAsset(a.Node, map.ValueAt(a.Pointer)))],
            [.. Items(root, "model_assets").Select(a => ModelAsset(a.Node, map.ValueAt(a.Pointer)))],
            [.. Items(root, "components").Select(c => Component(c.Node, map.ValueAt(c.Pointer)))],
            [.. Items(root, "flows").Select(f => Flow(f.Node, map.ValueAt(f.Pointer)))],
            [.. Items(root, "controls").Select(c => Control(c.Node, map.ValueAt(c.Pointer)))],
            profiles,
            [.. Items(root, "risk_tracking").Select(r => Risk(r.Node, map.ValueAt(r.Pointer)))],
            root);
    }

    private static DataAsset DataAsset(JsonObject n, SourcePosition at) => new(
        Str(n, "id")!,
        WireNames.Parse<DataClassification>(Str(n, "classification")!),
        Bool(n, "contains_pii") ?? false,
        WireNames.Parse<Criticality>(Str(n, "integrity")!),
        Str(n, "availability") is { } a ? WireNames.Parse<Criticality>(a) : null,
        n,
        at);

    private static ModelAsset ModelAsset(JsonObject n, SourcePosition at) => new(
        Str(n, "id")!, Str(n, "kind")!, Str(n, "task"), Str(n, "decision_use")!, Str(n, "ip_value")!, Str(n, "weights_exposure")!,
        Strings(n, "trained_on"), Strings(n, "serialization"), Strings(n, "base_models"), Str(n, "hosting"), n, at);

    private static Component Component(JsonObject n, SourcePosition at)
    {
        var type = WireNames.Parse<ComponentType>(Str(n, "type")!);
        var phase = Str(n, "phase") is { } p && MlopsPhases.TryParse(p, out var parsed) ? parsed : ComponentPhases.DefaultPhase(type);
        var exposure = Str(n, "exposure") is { } e ? WireNames.Parse<Exposure>(e) : (Exposure?)null;
        if (n["props"] is not JsonObject props)
        {
            // Rules read props.x; an absent props is an empty one, so every lookup says "unknown" the same way.
            props = [];
            n["props"] = props;
        }

        return new Component(Str(n, "id")!, type, phase, Str(n, "zone")!, exposure, Str(n, "serves"), props, n, at)
        {
            Sources = Strings(n, "sources"),
        };
    }

    private static Flow Flow(JsonObject n, SourcePosition at) => new(
        Str(n, "id"), Str(n, "from")!, Str(n, "to")!, Strings(n, "data"), Str(n, "artifact"), Str(n, "auth"),
        Bool(n, "encrypted"), Bool(n, "verified"), n, at);

    private static Control Control(JsonObject n, SourcePosition at) => new(
        Str(n, "id")!, Strings(n, "implements"), Strings(n, "applies_to"), WireNames.Parse<ControlStatus>(Str(n, "status")!), n, at);

    private static RiskTrackingEntry Risk(JsonObject n, SourcePosition at)
    {
        var threat = Str(n, "threat")!;
        var parts = threat.Split('@');
        return new RiskTrackingEntry(
            threat, parts[0], parts[1], parts.Length > 2 ? parts[2] : "*",
            WireNames.Parse<RiskStatus>(Str(n, "status")!), Str(n, "owner")!,
            DateOnly.ParseExact(Str(n, "date")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Str(n, "justification")!,
            Str(n, "expires") is { } e ? DateOnly.ParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            Str(n, "ticket"), n, at);
    }
}
