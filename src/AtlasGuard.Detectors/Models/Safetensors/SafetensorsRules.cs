using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Models.Safetensors;

/// <summary>
/// The safetensors rules (AG-MDL-010 to AG-MDL-014), loaded once from <c>Rules/Data/safetensors.json</c> and the help files.
/// </summary>
internal static class SafetensorsRules
{
    private static readonly Lazy<ImmutableDictionary<string, RuleDescriptor>> Rules = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(SafetensorsRules).Assembly, "AtlasGuard.Detectors.Rules.safetensors.json",
                "AtlasGuard.Detectors.Rules.help/")
            .ToImmutableDictionary(r => r.Id, StringComparer.Ordinal));

    public static ImmutableArray<RuleDescriptor> All => [.. Rules.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static RuleDescriptor HeaderMisdescribesData => Rules.Value["AG-MDL-010"];

    public static RuleDescriptor HiddenData => Rules.Value["AG-MDL-011"];

    public static RuleDescriptor SuspiciousMetadata => Rules.Value["AG-MDL-012"];

    public static RuleDescriptor HeaderUnreadable => Rules.Value["AG-MDL-013"];

    public static RuleDescriptor DuplicateKeys => Rules.Value["AG-MDL-014"];
}
