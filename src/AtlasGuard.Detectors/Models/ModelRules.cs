using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Detectors.Rules;

namespace AtlasGuard.Detectors.Models;

/// <summary>The model-family rules (AG-MDL-*), loaded once from <c>Rules/Data/models.json</c> and the help files.</summary>
internal static class ModelRules
{
    private static readonly RuleFamily Rules = new("models.json");

    public static ImmutableArray<RuleDescriptor> All => Rules.All;

    public static RuleDescriptor CallsDangerous => Rules["AG-MDL-001"];

    public static RuleDescriptor ImportsDangerous => Rules["AG-MDL-002"];

    public static RuleDescriptor ImportsUnknown => Rules["AG-MDL-003"];

    public static RuleDescriptor CallsUnresolvable => Rules["AG-MDL-004"];

    public static RuleDescriptor BrokenAfterSuspicious => Rules["AG-MDL-005"];

    public static RuleDescriptor ParserDifferential => Rules["AG-MDL-006"];

    public static RuleDescriptor NumpyObjectArray => Rules["AG-MDL-007"];
}
