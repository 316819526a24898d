using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Expressions;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Profiles;
using AtlasGuard.ThreatModel.Rules;
using AtlasGuard.ThreatModel.Scoring;

namespace AtlasGuard.ThreatModel.Evaluation;

/// <summary>The roots and host functions of one (component, attacker) evaluation. Not thread-safe; cheap to create.</summary>
internal sealed class RuleContext(ModelIndex index, Component component, AttackerProfile? attacker) : IExpressionContext
{
    private readonly ModelAsset? _model = index.Model.ModelServedBy(component);

    /// <summary>When set, <c>declared(m)</c> also counts planned controls (the "would planned controls do?" pass).</summary>
    public bool CountPlanned { get; set; }

    public bool TryGetRoot(string name, out ExprValue value)
    {
        value = name switch
        {
            "self" => ExprValue.FromJson(component.Node),
            "props" => ExprValue.FromJson(component.Props),
            "type" => ExprValue.String(component.Type.ToWireName()),
            "exposure" => Member(component.Node, "exposure", "exposure"),
            "zone" => index.Model.FindTrustZone(component.Zone) is { } zone ? ExprValue.FromJson(zone.Node) : ExprValue.Missing("zone"),
            "model" => _model is null ? ExprValue.Missing("model") : ExprValue.FromJson(_model.Node),
            "pipeline" => ExprValue.FromJson(index.Model.Metadata.Node),
            "attacker" => attacker is null ? ExprValue.Missing("attacker") : ExprValue.FromJson(attacker.Node),
            _ => default,
        };
        return name is "self" or "props" or "type" or "exposure" or "zone" or "model" or "pipeline" or "attacker";
    }

    public bool TryCall(string name, ReadOnlySpan<ExprValue> arguments, out ExprValue result)
    {
        result = name switch
        {
            HostFunctions.HasModelAccess => HasModelAccess(Text(arguments[0])),
            HostFunctions.Declared => ExprValue.Bool(index.HasControl(component.Id, Text(arguments[0]), CountPlanned)),
            HostFunctions.Planned => ExprValue.Bool(index.HasControl(component.Id, Text(arguments[0]), true, onlyPlanned: true)),
            HostFunctions.Level => Level(arguments[0]),
            HostFunctions.MaxClassification => MaxClassification(arguments[0]),
            HostFunctions.AnyAsset => AnyAsset(arguments[0], Text(arguments[1])),
            HostFunctions.DownstreamModels => ExprValue.List([.. index.DownstreamModels(component).Select(ExprValue.String)]),
            HostFunctions.Reachable => Reachable(),
            HostFunctions.ToolsWith => ToolsWith(Text(arguments[0]), arguments.Length > 1 ? arguments[1] : ExprValue.True),
            _ => default,
        };
        return Array.Exists(HostFunctions.Signatures, s => s.Name == name);
    }

    private static ExprValue Member(JsonObject node, string key, string path) =>
        node.TryGetPropertyValue(key, out var child) && !ExprValue.IsUnknownMarker(child) ? ExprValue.FromJson(child) : ExprValue.Missing(path);

    private static string Text(ExprValue value) => value.Kind == ExprValueKind.String
        ? value.AsString()
        : throw new ExpressionEvaluationException($"Expected a string argument, got a {ExprValue.KindName(value.Kind)}.", 0);

    private ExprValue HasModelAccess(string type)
    {
        if (attacker is null)
        {
            return ExprValue.Missing("attacker");
        }

        if (!WireNames.TryParse<ModelAccessType>(type, out var wanted))
        {
            throw new ExpressionEvaluationException($"Unknown model access type '{type}'.", 0);
        }

        foreach (var route in attacker.Access.Model)
        {
            if (route.Type == wanted && (route.Via.IsDefaultOrEmpty || route.Via.Contains(component.Id, StringComparer.Ordinal)))
            {
                return ExprValue.True;
            }
        }

        return ExprValue.False;
    }

    private static readonly string[] ExposureLevels = ["none", "internal", "partner", "internet"];

    private ExprValue Reachable()
    {
        if (attacker is null)
        {
            return ExprValue.Missing("attacker");
        }

        var needed = attacker.Access.Network switch
        {
            "internet" => 3,
            "partner" => 2,
            "internal" or "production" => 1,
            _ => int.MaxValue,
        };
        var best = -1;
        var unknown = new List<string>();
        foreach (var (node, key, path) in new[] { (component.Node, "exposure", "exposure"),
                     (component.Props, "dashboard_exposure", "props.dashboard_exposure"),
                     (component.Props, "online_store_exposure", "props.online_store_exposure") })
        {
            if (node[key] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text))
            {
                best = Math.Max(best, Array.IndexOf(ExposureLevels, text));
            }
            else if (key == "exposure")
            {
                unknown.Add(path);
            }
        }

        if (best >= needed)
        {
            return ExprValue.True;
        }

        return unknown.Count > 0 && needed != int.MaxValue ? ExprValue.Missing(unknown) : ExprValue.False;
    }

    private static ExprValue Level(ExprValue word) => word.Kind switch
    {
        ExprValueKind.Missing => word,
        ExprValueKind.Number => ExprValue.Number(RiskScale.Clamp((int)word.AsNumber())),
        ExprValueKind.String when RiskScale.TryLevel(word.AsString(), out var level) => ExprValue.Number(level),
        ExprValueKind.Bool => ExprValue.Number(word.AsBool() ? 3 : 1),
        _ => throw new ExpressionEvaluationException($"'{word}' is not a scale word.", 0),
    };

    private ExprValue MaxClassification(ExprValue ids)
    {
        if (ids.IsMissing)
        {
            return ids;
        }

        var best = 0;
        foreach (var id in ids.AsList())
        {
            if (id.Kind == ExprValueKind.String && index.Model.FindDataAsset(id.AsString()) is { } asset
                && RiskScale.TryLevel(asset.Classification.ToWireName(), out var level))
            {
                best = Math.Max(best, level);
            }
        }

        return best == 0 ? ExprValue.Missing("data_assets.classification") : ExprValue.Number(best);
    }

    private ExprValue AnyAsset(ExprValue ids, string field)
    {
        if (ids.IsMissing)
        {
            return ids;
        }

        var unknown = new List<string>();
        foreach (var id in ids.AsList())
        {
            if (id.Kind != ExprValueKind.String || index.Model.FindDataAsset(id.AsString()) is not { } asset)
            {
                continue;
            }

            var value = Member(asset.Node, field, $"data_assets.{asset.Id}.{field}");
            if (value.Kind == ExprValueKind.Bool && value.AsBool())
            {
                return ExprValue.True;
            }

            if (value.IsMissing)
            {
                unknown.AddRange(value.MissingPaths);
            }
        }

        return unknown.Count > 0 ? ExprValue.Missing(unknown) : ExprValue.False;
    }

    private ExprValue ToolsWith(string prop, ExprValue wanted)
    {
        if (component.Props["tools"] is not JsonArray tools)
        {
            return component.Type == ComponentType.Agent ? ExprValue.Missing("props.tools") : ExprValue.List([]);
        }

        var found = new List<ExprValue>();
        var unknown = new List<string>();
        foreach (var item in tools)
        {
            if (item?.GetValue<string>() is not { } id || index.Model.FindComponent(id) is not { } tool)
            {
                continue;
            }

            var value = Member(tool.Props, prop, $"{id}.props.{prop}");
            if (value.IsMissing)
            {
                unknown.AddRange(value.MissingPaths);
            }
            else if (value.Equals(wanted))
            {
                found.Add(ExprValue.String(id));
            }
        }

        return found.Count == 0 && unknown.Count > 0 ? ExprValue.Missing(unknown) : ExprValue.List(found);
    }
}
