using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// Judges Azure SAS tokens by what they grant. Read-only, short-lived tokens for one object stay at the rule's
/// severity; write, delete, list or other modifying permissions, account-wide scope, or an expiry more than a
/// year away (or none at all) make it critical, which is the shape of the token that exposed 38 TB of
/// Microsoft AI research data (full control, valid until 2051). A token that has expired is reported at medium.
/// </summary>
internal static class AzureSasInspector
{
    private static readonly TimeSpan LongLived = TimeSpan.FromDays(365);

    public static IEnumerable<SecretHit> Inspect(string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var token in AzureSasToken.FindAll(text, cancellationToken))
        {
            var reasons = new List<string>();
            var elevated = token.ElevatedPermissions.ToList();
            if (elevated.Count > 0)
            {
                reasons.Add($"grants {string.Join(", ", elevated)}");
            }

            if (token.IsAccountSas)
            {
                reasons.Add($"is an account SAS (services '{token.Field("ss")}', resource types '{token.Field("srt")}')");
            }

            var expiry = token.Expiry;
            var expired = expiry is { } e && e < now;
            if (expiry is null && token.Field("si") is null)
            {
                reasons.Add("has no expiry");
            }
            else if (expiry is { } until && until - (token.StartTime ?? now) > LongLived)
            {
                reasons.Add($"is valid until {until:yyyy-MM-dd}, {(until - (token.StartTime ?? now)).TotalDays / 365.25:0.#} years");
            }

            var permissions = token.Permissions.Length == 0 ? "no permissions field" : $"permissions {token.DescribePermissions()}";
            var expiryText = expiry is { } x ? $"expires {x:yyyy-MM-dd}" : token.Field("si") is { } si ? $"expiry in stored policy '{si}'" : "no expiry";
            var detail = $" ({permissions}; {expiryText})."
                + (expired ? " It has expired, so it no longer works unless the key that signed it was reused for a new one."
                    : reasons.Count > 0 ? $" It {string.Join(" and ", reasons)}." : string.Empty);
            var severity = expired ? Severity.Medium : reasons.Count > 0 ? Severity.Critical : (Severity?)null;
            yield return new SecretHit(SecretRules.AzureSasToken, token.SignatureStart, token.Signature, "Azure shared access signature (SAS) token",
                0, severity, detail, "azure-sas");
        }
    }
}
