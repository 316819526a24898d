namespace AtlasGuard.ThreatModel.Rules;

/// <summary>The host functions rule expressions may call, with their arities (documented in docs/threat-model-rules.md).</summary>
internal static class HostFunctions
{
    public const string HasModelAccess = "has_model_access";
    public const string Declared = "declared";
    public const string Planned = "planned";
    public const string Level = "level";
    public const string MaxClassification = "max_classification";
    public const string AnyAsset = "any_asset";
    public const string DownstreamModels = "downstream_models";
    public const string ToolsWith = "tools_with";
    public const string Reachable = "reachable";

    public static readonly (string Name, int Min, int Max)[] Signatures =
    [
        (HasModelAccess, 1, 1),
        (Declared, 1, 1),
        (Planned, 1, 1),
        (Level, 1, 1),
        (MaxClassification, 1, 1),
        (AnyAsset, 2, 2),
        (DownstreamModels, 0, 0),
        (ToolsWith, 1, 2),
        (Reachable, 0, 0),
    ];
}
