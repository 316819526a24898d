using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Models;

/// <summary>The model-family rules (AG-MDL-*), loaded once from <c>Rules/Data/models.json</c> and the help files.</summary>
internal static class ModelRules
{
    private static readonly Lazy<ImmutableDictionary<string, RuleDescriptor>> Rules = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(ModelRules).Assembly, "AtlasGuard.Detectors.Rules.models.json", "AtlasGuard.Detectors.Rules.help/")
            .ToImmutableDictionary(r => r.Id, StringComparer.Ordinal));

    public static ImmutableArray<RuleDescriptor> All => [.. Rules.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static RuleDescriptor CallsDangerous => Rules.Value["AG-MDL-001"];

    public static RuleDescriptor ImportsDangerous => Rules.Value["AG-MDL-002"];

    public static RuleDescriptor ImportsUnknown => Rules.Value["AG-MDL-003"];

    public static RuleDescriptor CallsUnresolvable => Rules.Value["AG-MDL-004"];

    public static RuleDescriptor BrokenAfterSuspicious => Rules.Value["AG-MDL-005"];

    public static RuleDescriptor ParserDifferential => Rules.Value["AG-MDL-006"];

    public static RuleDescriptor NumpyObjectArray => Rules.Value["AG-MDL-007"];
}
