using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Detectors.Rules;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>The secret rules (AG-SEC-001 to AG-SEC-012), loaded once from <c>Rules/Data/secrets.json</c>.</summary>
internal static class SecretRules
{
    private static readonly RuleFamily Rules = new("secrets.json");

    public static ImmutableArray<RuleDescriptor> All => Rules.All;

    public static RuleDescriptor ById(string id) =>
        Rules[id];

    public static RuleDescriptor AzureSasToken => Rules["AG-SEC-006"];

    public static RuleDescriptor CloudCredential => Rules["AG-SEC-005"];

    public static RuleDescriptor ServiceAccountKey => Rules["AG-SEC-007"];

    public static RuleDescriptor PrivateKey => Rules["AG-SEC-009"];

    public static RuleDescriptor CredentialFile => Rules["AG-SEC-010"];

    public static RuleDescriptor MlflowAdminPassword => Rules["AG-SEC-011"];

    public static RuleDescriptor EnvSecret => Rules["AG-SEC-012"];
}
