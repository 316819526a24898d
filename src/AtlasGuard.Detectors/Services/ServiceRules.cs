using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Services;

/// <summary>The exposed-service rules (AG-SVC-001 to AG-SVC-026), loaded once from <c>Rules/Data/services.json</c>.</summary>
internal static class ServiceRules
{
    private static readonly Lazy<ImmutableDictionary<string, RuleDescriptor>> Rules = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(ServiceRules).Assembly, "AtlasGuard.Detectors.Rules.services.json", "AtlasGuard.Detectors.Rules.help/")
            .ToImmutableDictionary(r => r.Id, StringComparer.Ordinal));

    public static ImmutableArray<RuleDescriptor> All => [.. Rules.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static RuleDescriptor RayDashboardReachable => Rules.Value["AG-SVC-001"];

    public static RuleDescriptor RayClusterPortsReachable => Rules.Value["AG-SVC-002"];

    public static RuleDescriptor MlflowWithoutAuthentication => Rules.Value["AG-SVC-003"];

    public static RuleDescriptor MlflowPermissiveOrigins => Rules.Value["AG-SVC-004"];

    public static RuleDescriptor TorchServeManagementReachable => Rules.Value["AG-SVC-005"];

    public static RuleDescriptor TorchServeTokenAuthDisabled => Rules.Value["AG-SVC-006"];

    public static RuleDescriptor TorchServePermissiveAllowedUrls => Rules.Value["AG-SVC-007"];

    public static RuleDescriptor TritonDynamicModelControl => Rules.Value["AG-SVC-008"];

    public static RuleDescriptor OllamaReachable => Rules.Value["AG-SVC-009"];

    public static RuleDescriptor JupyterWithoutToken => Rules.Value["AG-SVC-010"];

    public static RuleDescriptor JupyterCrossSiteOpen => Rules.Value["AG-SVC-011"];

    public static RuleDescriptor TensorBoardReachable => Rules.Value["AG-SVC-012"];

    public static RuleDescriptor WebAppReachable => Rules.Value["AG-SVC-013"];

    public static RuleDescriptor StreamlitProtectionOff => Rules.Value["AG-SVC-014"];

    public static RuleDescriptor VllmWithoutApiKey => Rules.Value["AG-SVC-015"];

    public static RuleDescriptor TrustRemoteCode => Rules.Value["AG-SVC-016"];

    public static RuleDescriptor ArgoServerAuthModeServer => Rules.Value["AG-SVC-017"];

    public static RuleDescriptor KubeflowGatewayExposed => Rules.Value["AG-SVC-018"];

    public static RuleDescriptor LabelStudioOpenSignup => Rules.Value["AG-SVC-019"];

    public static RuleDescriptor ClearMlServerReachable => Rules.Value["AG-SVC-020"];

    public static RuleDescriptor H2oReachable => Rules.Value["AG-SVC-021"];

    public static RuleDescriptor AirflowDefaultAdminPassword => Rules.Value["AG-SVC-022"];

    public static RuleDescriptor AirflowApiWithoutAuthentication => Rules.Value["AG-SVC-023"];

    public static RuleDescriptor AirflowExposesConfig => Rules.Value["AG-SVC-024"];

    public static RuleDescriptor OtherServiceReachable => Rules.Value["AG-SVC-025"];

    public static RuleDescriptor ReachableWithAuthentication => Rules.Value["AG-SVC-026"];
}
