using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Models.Gguf;

/// <summary>The GGUF and chat-template rules (AG-MDL-020 to AG-MDL-024), loaded once from <c>Rules/Data/gguf.json</c> and the help files.</summary>
internal static class GgufRules
{
    private static readonly Lazy<ImmutableDictionary<string, RuleDescriptor>> Rules = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(GgufRules).Assembly, "AtlasGuard.Detectors.Rules.gguf.json", "AtlasGuard.Detectors.Rules.help/")
            .ToImmutableDictionary(r => r.Id, StringComparer.Ordinal));

    public static ImmutableArray<RuleDescriptor> All => [.. Rules.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static RuleDescriptor TemplateEscapesSandbox => Rules.Value["AG-MDL-020"];

    public static RuleDescriptor TemplateSuspicious => Rules.Value["AG-MDL-021"];

    public static RuleDescriptor GgufMalformed => Rules.Value["AG-MDL-022"];

    public static RuleDescriptor GgufAbnormalMetadata => Rules.Value["AG-MDL-023"];

    public static RuleDescriptor TemplateFileUnreadable => Rules.Value["AG-MDL-024"];
}
