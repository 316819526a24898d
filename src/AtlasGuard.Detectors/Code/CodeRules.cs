using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Detectors.Rules;

namespace AtlasGuard.Detectors.Code;

/// <summary>The code rules (AG-COD-001 to 015) and the Python launch-code service rules (AG-SVC-100 to 107), from <c>Rules/Data/code.json</c>.</summary>
internal static class CodeRules
{
    private static readonly RuleFamily Rules = new("code.json");

    public static ImmutableArray<RuleDescriptor> All => Rules.All;

    public static RuleDescriptor Get(string id) => Rules[id];

    public static RuleDescriptor HubDownloadUnpinned => Get("AG-COD-008");

    public static RuleDescriptor LlmOutputExecuted => Get("AG-COD-010");

    public static RuleDescriptor TarExtractWithoutFilter => Get("AG-COD-014");

    public static RuleDescriptor TlsVerificationDisabled => Get("AG-COD-015");

    public static RuleDescriptor JupyterNoAuthentication => Get("AG-SVC-105");

    public static RuleDescriptor JupyterAllInterfaces => Get("AG-SVC-106");

    public static RuleDescriptor JupyterCrossOrigin => Get("AG-SVC-107");
}
