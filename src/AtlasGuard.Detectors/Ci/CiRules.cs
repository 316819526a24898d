using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Ci;

/// <summary>The CI rules (AG-CI-001 to AG-CI-010), loaded once from <c>Rules/Data/ci.json</c>.</summary>
internal static class CiRules
{
    private static readonly Lazy<ImmutableDictionary<string, RuleDescriptor>> Rules = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(CiRules).Assembly, "AtlasGuard.Detectors.Rules.ci.json", "AtlasGuard.Detectors.Rules.help/")
            .ToImmutableDictionary(r => r.Id, StringComparer.Ordinal));

    public static ImmutableArray<RuleDescriptor> All => [.. Rules.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static RuleDescriptor PullRequestHeadInPrivilegedWorkflow => Rules.Value["AG-CI-001"];

    public static RuleDescriptor UntrustedContextInScript => Rules.Value["AG-CI-002"];

    public static RuleDescriptor CacheInPublishWorkflow => Rules.Value["AG-CI-003"];

    public static RuleDescriptor ActionNotPinned => Rules.Value["AG-CI-004"];

    public static RuleDescriptor LongLivedPublishToken => Rules.Value["AG-CI-005"];

    public static RuleDescriptor BroadPermissions => Rules.Value["AG-CI-006"];

    public static RuleDescriptor PersistedCheckoutCredentials => Rules.Value["AG-CI-007"];

    public static RuleDescriptor SelfHostedRunnerOnPullRequests => Rules.Value["AG-CI-008"];

    public static RuleDescriptor SecretsInherited => Rules.Value["AG-CI-009"];

    public static RuleDescriptor WorkflowUnreadable => Rules.Value["AG-CI-010"];
}
