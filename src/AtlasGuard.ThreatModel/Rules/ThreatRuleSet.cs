using System.Collections.Immutable;
using AtlasGuard.Core.Atlas;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Rules;

/// <summary>A validated set of threat rules, sorted by id. <see cref="Embedded"/> is the built-in set.</summary>
public sealed class ThreatRuleSet
{
    /// <summary>The <c>apiVersion</c> a rules file must declare.</summary>
    public const string ApiVersion = "atlasguard.dev/threat-rules/v1";

    /// <summary>The logical name of the embedded rules file.</summary>
    public const string EmbeddedName = "threat-rules.yaml";

    private static readonly Lazy<ThreatRuleSet> EmbeddedValue = new(LoadEmbedded);

    internal ThreatRuleSet(ImmutableArray<ThreatRule> rules) => Rules = rules;

    /// <summary>The rules, sorted by id.</summary>
    public ImmutableArray<ThreatRule> Rules { get; }

    /// <summary>The built-in rules, checked against <see cref="AtlasCatalog.Embedded"/>. Throws if they do not load.</summary>
    public static ThreatRuleSet Embedded => EmbeddedValue.Value;

    /// <summary>The built-in rules file as text.</summary>
    public static string EmbeddedText => EmbeddedResources.Read(EmbeddedName);

    /// <summary>Loads a <c>kind: ThreatRules</c> document; every problem becomes a diagnostic.</summary>
    public static ThreatRuleSetLoadResult Load(string text, string file, AtlasCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        return RuleLoader.Load(text, file, catalog ?? AtlasCatalog.Embedded);
    }

    private static ThreatRuleSet LoadEmbedded()
    {
        var result = Load(EmbeddedText, EmbeddedName);
        return result.RuleSet ?? throw new InvalidOperationException(
            "The built-in threat rules do not load: " + string.Join("; ", result.Diagnostics));
    }
}

/// <summary>The outcome of loading a rules file: the set (null when there is any error) and the diagnostics.</summary>
public sealed record ThreatRuleSetLoadResult(ThreatRuleSet? RuleSet, ImmutableArray<ThreatModelDiagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
