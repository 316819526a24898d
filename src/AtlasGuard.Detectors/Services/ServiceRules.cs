using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Detectors.Rules;

namespace AtlasGuard.Detectors.Services;

/// <summary>The exposed-service rules (AG-SVC-001 to AG-SVC-026), loaded once from <c>Rules/Data/services.json</c>.</summary>
internal static class ServiceRules
{
    private static readonly RuleFamily Rules = new("services.json");

    public static ImmutableArray<RuleDescriptor> All => Rules.All;

    public static RuleDescriptor RayDashboardReachable => Rules["AG-SVC-001"];

    public static RuleDescriptor RayClusterPortsReachable => Rules["AG-SVC-002"];

    public static RuleDescriptor MlflowWithoutAuthentication => Rules["AG-SVC-003"];

    public static RuleDescriptor MlflowPermissiveOrigins => Rules["AG-SVC-004"];

    public static RuleDescriptor TorchServeManagementReachable => Rules["AG-SVC-005"];

    public static RuleDescriptor TorchServeTokenAuthDisabled => Rules["AG-SVC-006"];

    public static RuleDescriptor TorchServePermissiveAllowedUrls => Rules["AG-SVC-007"];

    public static RuleDescriptor TritonDynamicModelControl => Rules["AG-SVC-008"];

    public static RuleDescriptor OllamaReachable => Rules["AG-SVC-009"];

    public static RuleDescriptor JupyterWithoutToken => Rules["AG-SVC-010"];

    public static RuleDescriptor JupyterCrossSiteOpen => Rules["AG-SVC-011"];

    public static RuleDescriptor TensorBoardReachable => Rules["AG-SVC-012"];

    public static RuleDescriptor WebAppReachable => Rules["AG-SVC-013"];

    public static RuleDescriptor StreamlitProtectionOff => Rules["AG-SVC-014"];

    public static RuleDescriptor VllmWithoutApiKey => Rules["AG-SVC-015"];

    public static RuleDescriptor TrustRemoteCode => Rules["AG-SVC-016"];

    public static RuleDescriptor ArgoServerAuthModeServer => Rules["AG-SVC-017"];

    public static RuleDescriptor KubeflowGatewayExposed => Rules["AG-SVC-018"];

    public static RuleDescriptor LabelStudioOpenSignup => Rules["AG-SVC-019"];

    public static RuleDescriptor ClearMlServerReachable => Rules["AG-SVC-020"];

    public static RuleDescriptor H2oReachable => Rules["AG-SVC-021"];

    public static RuleDescriptor AirflowDefaultAdminPassword => Rules["AG-SVC-022"];

    public static RuleDescriptor AirflowApiWithoutAuthentication => Rules["AG-SVC-023"];

    public static RuleDescriptor AirflowExposesConfig => Rules["AG-SVC-024"];

    public static RuleDescriptor OtherServiceReachable => Rules["AG-SVC-025"];

    public static RuleDescriptor ReachableWithAuthentication => Rules["AG-SVC-026"];
}
