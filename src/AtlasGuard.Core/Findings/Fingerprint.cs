using System.Security.Cryptography;
using System.Text;

namespace AtlasGuard.Core.Findings;

/// <summary>Stable fingerprints: a hash of the rule, the location and a detector-chosen key.</summary>
public static class Fingerprint
{
    /// <summary>
    /// Computes the fingerprint of a finding. The key is what identifies the occurrence within the artifact
    /// (a global name, a secret's hash), so that editing unrelated bytes keeps the fingerprint.
    /// </summary>
    public static string Compute(string ruleId, ArtifactLocation location, string? key)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(location);
        var text = string.Join('\u001f', ruleId, location.Path, location.InnerPath ?? string.Empty, key ?? string.Empty);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
