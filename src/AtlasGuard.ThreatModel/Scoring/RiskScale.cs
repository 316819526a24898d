using System.Collections.Frozen;

namespace AtlasGuard.ThreatModel.Scoring;

/// <summary>Risk bands of likelihood × impact (1 to 16).</summary>
public enum RiskBand
{
    /// <summary>1 to 3.</summary>
    Low,

    /// <summary>4 to 7.</summary>
    Medium,

    /// <summary>8 to 11.</summary>
    High,

    /// <summary>12 to 16.</summary>
    Critical,
}

/// <summary>
/// The 1–4 scale: words to levels (none/low/public/archive = 1, medium/internal/operational = 2,
/// high/confidential/restricted/important = 3, critical/very_high/strictly_confidential/mission_critical = 4)
/// and risk to bands.
/// </summary>
public static class RiskScale
{
    private static readonly FrozenDictionary<string, int> Words = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["none"] = 1, ["low"] = 1, ["public"] = 1, ["archive"] = 1, ["advisory"] = 2,
        ["medium"] = 2, ["internal"] = 2, ["operational"] = 2, ["business"] = 3,
        ["high"] = 3, ["confidential"] = 3, ["restricted"] = 3, ["important"] = 3, ["security"] = 4, ["safety"] = 4,
        ["critical"] = 4, ["very_high"] = 4, ["strictly_confidential"] = 4, ["mission_critical"] = 4,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The words <see cref="TryLevel"/> knows.</summary>
    public static IEnumerable<string> KnownWords => Words.Keys.Order(StringComparer.Ordinal);

    /// <summary>The level 1 to 4 of a scale word (severity, classification, criticality or decision use).</summary>
    public static bool TryLevel(string word, out int level) => Words.TryGetValue(word, out level);

    /// <summary>Clamps to 1..4.</summary>
    public static int Clamp(int level) => Math.Clamp(level, 1, 4);

    /// <summary>The band of a risk value 1 to 16.</summary>
    public static RiskBand Band(int risk) => risk switch
    {
        >= 12 => RiskBand.Critical,
        >= 8 => RiskBand.High,
        >= 4 => RiskBand.Medium,
        _ => RiskBand.Low,
    };
}
