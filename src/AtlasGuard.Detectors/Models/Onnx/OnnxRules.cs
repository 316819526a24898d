using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Models.Onnx;

/// <summary>The ONNX rules (AG-MDL-030 to AG-MDL-034), loaded once from <c>Rules/Data/onnx.json</c> and the help files.</summary>
internal static class OnnxRules
{
    private static readonly Lazy<ImmutableDictionary<string, RuleDescriptor>> Rules = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(OnnxRules).Assembly, "AtlasGuard.Detectors.Rules.onnx.json", "AtlasGuard.Detectors.Rules.help/")
            .ToImmutableDictionary(r => r.Id, StringComparer.Ordinal));

    public static ImmutableArray<RuleDescriptor> All => [.. Rules.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static RuleDescriptor ExternalDataEscapes => Rules.Value["AG-MDL-030"];

    public static RuleDescriptor ExternalDataLink => Rules.Value["AG-MDL-031"];

    public static RuleDescriptor ExternalDataMissing => Rules.Value["AG-MDL-032"];

    public static RuleDescriptor CustomDomain => Rules.Value["AG-MDL-033"];

    public static RuleDescriptor TensorSizeMismatch => Rules.Value["AG-MDL-034"];
}
