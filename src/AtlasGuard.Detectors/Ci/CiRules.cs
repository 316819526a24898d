using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Detectors.Rules;

namespace AtlasGuard.Detectors.Ci;

/// <summary>The CI rules (AG-CI-001 to AG-CI-010), loaded once from <c>Rules/Data/ci.json</c>.</summary>
internal static class CiRules
{
    private static readonly RuleFamily Rules = new("ci.json");

    public static ImmutableArray<RuleDescriptor> All => Rules.All;

    public static RuleDescriptor PullRequestHeadInPrivilegedWorkflow => Rules["AG-CI-001"];

    public static RuleDescriptor UntrustedContextInScript => Rules["AG-CI-002"];

    public static RuleDescriptor CacheInPublishWorkflow => Rules["AG-CI-003"];

    public static RuleDescriptor ActionNotPinned => Rules["AG-CI-004"];

    public static RuleDescriptor LongLivedPublishToken => Rules["AG-CI-005"];

    public static RuleDescriptor BroadPermissions => Rules["AG-CI-006"];

    public static RuleDescriptor PersistedCheckoutCredentials => Rules["AG-CI-007"];

    public static RuleDescriptor SelfHostedRunnerOnPullRequests => Rules["AG-CI-008"];

    public static RuleDescriptor SecretsInherited => Rules["AG-CI-009"];

    public static RuleDescriptor WorkflowUnreadable => Rules["AG-CI-010"];
}
