using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Dependencies;

/// <summary>The package-index rules (AG-DEP-001 to AG-DEP-004), loaded once from <c>Rules/Data/dependencies.json</c>.</summary>
internal static class DependencyRules
{
    private static readonly Lazy<ImmutableDictionary<string, RuleDescriptor>> Rules = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(DependencyRules).Assembly, "AtlasGuard.Detectors.Rules.dependencies.json", "AtlasGuard.Detectors.Rules.help/")
            .ToImmutableDictionary(r => r.Id, StringComparer.Ordinal));

    public static ImmutableArray<RuleDescriptor> All => [.. Rules.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static RuleDescriptor ExtraIndex => Rules.Value["AG-DEP-001"];

    public static RuleDescriptor CredentialsInIndexUrl => Rules.Value["AG-DEP-002"];

    public static RuleDescriptor PoetrySourcesWithPyPi => Rules.Value["AG-DEP-003"];

    public static RuleDescriptor UvUnsafeIndexStrategy => Rules.Value["AG-DEP-004"];
}
