using AtlasGuard.Core.Rules;
using AtlasGuard.Detectors.Rules;

namespace AtlasGuard.Detectors.Models;

/// <summary>
/// The rules of the other model formats (AG-MDL-070 to AG-MDL-074: TorchScript code, TFLite operators,
/// Flax/MessagePack extensions), loaded once from <c>Rules/Data/formats.json</c> and the help files.
/// </summary>
internal static class OtherFormatRules
{
    private static readonly RuleFamily Rules = new("formats.json");

    public static RuleDescriptor TorchScriptFileOrNativeAccess => Rules["AG-MDL-070"];

    public static RuleDescriptor TorchScriptCustomOperator => Rules["AG-MDL-071"];

    public static RuleDescriptor TfLiteFlexFileOperation => Rules["AG-MDL-072"];

    public static RuleDescriptor TfLiteCustomOperator => Rules["AG-MDL-073"];

    public static RuleDescriptor MsgpackForeignExtension => Rules["AG-MDL-074"];
}
