using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Detectors.Rules;

namespace AtlasGuard.Detectors.Dependencies;

/// <summary>The package-index rules (AG-DEP-001 to AG-DEP-004), loaded once from <c>Rules/Data/dependencies.json</c>.</summary>
internal static class DependencyRules
{
    private static readonly RuleFamily Rules = new("dependencies.json");

    public static ImmutableArray<RuleDescriptor> All => Rules.All;

    public static RuleDescriptor ExtraIndex => Rules["AG-DEP-001"];

    public static RuleDescriptor CredentialsInIndexUrl => Rules["AG-DEP-002"];

    public static RuleDescriptor PoetrySourcesWithPyPi => Rules["AG-DEP-003"];

    public static RuleDescriptor UvUnsafeIndexStrategy => Rules["AG-DEP-004"];
}
