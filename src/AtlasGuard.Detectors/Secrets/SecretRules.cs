using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>The secret rules (AG-SEC-001 to AG-SEC-012), loaded once from <c>Rules/Data/secrets.json</c>.</summary>
internal static class SecretRules
{
    private static readonly Lazy<ImmutableDictionary<string, RuleDescriptor>> Rules = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(SecretRules).Assembly, "AtlasGuard.Detectors.Rules.secrets.json", "AtlasGuard.Detectors.Rules.help/")
            .ToImmutableDictionary(r => r.Id, StringComparer.Ordinal));

    public static ImmutableArray<RuleDescriptor> All => [.. Rules.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public static RuleDescriptor ById(string id) =>
        Rules.Value.TryGetValue(id, out var rule) ? rule : throw new InvalidOperationException($"Secret rule '{id}' is not defined.");

    public static RuleDescriptor AzureSasToken => Rules.Value["AG-SEC-006"];

    public static RuleDescriptor CloudCredential => Rules.Value["AG-SEC-005"];

    public static RuleDescriptor ServiceAccountKey => Rules.Value["AG-SEC-007"];

    public static RuleDescriptor PrivateKey => Rules.Value["AG-SEC-009"];

    public static RuleDescriptor CredentialFile => Rules.Value["AG-SEC-010"];

    public static RuleDescriptor MlflowAdminPassword => Rules.Value["AG-SEC-011"];

    public static RuleDescriptor EnvSecret => Rules.Value["AG-SEC-012"];
}
