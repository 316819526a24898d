using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Detectors.Rules;

namespace AtlasGuard.Detectors.Repositories;

/// <summary>The model-repository rules (AG-MDL-080 to AG-MDL-084), loaded once from <c>Rules/Data/repository.json</c>.</summary>
internal static class RepositoryRules
{
    private static readonly RuleFamily Rules = new("repository.json");

    public static ImmutableArray<RuleDescriptor> All => Rules.All;

    public static RuleDescriptor CustomCode => Rules["AG-MDL-080"];

    public static RuleDescriptor CustomCodeRiskyCalls => Rules["AG-MDL-081"];

    public static RuleDescriptor CodeFromAnotherRepository => Rules["AG-MDL-082"];

    public static RuleDescriptor SafeAndPickleWeights => Rules["AG-MDL-083"];

    public static RuleDescriptor PickleOnlyWeights => Rules["AG-MDL-084"];
}
