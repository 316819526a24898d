using System.Security.Cryptography;
using System.Text;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// The one way a secret is shown: its first few characters and a short SHA-256 of the whole value. The shown
/// part never exceeds a quarter of the value (and a known prefix such as <c>hf_</c> plus two characters), so the
/// rest cannot be guessed from it; the hash lets a user match a finding against a secret they hold.
/// </summary>
internal static class SecretRedaction
{
    /// <summary>Hex characters of the SHA-256 that are shown.</summary>
    public const int HashLength = 12;

    /// <summary>The short SHA-256 of a value (lower-case hex).</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), hash);
        return Convert.ToHexStringLower(hash)[..HashLength];
    }

    /// <summary>How many leading characters of a value may be shown, given the length of its known prefix.</summary>
    public static int VisibleLength(string secret, int knownPrefix)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Math.Min(Math.Min(knownPrefix + 2, 8), secret.Length / 4);
    }

    /// <summary>The evidence for a secret: <c>hf_Ab… (sha256:0123456789ab)</c>.</summary>
    public static string Evidence(string secret, int knownPrefix = 0)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var visible = VisibleLength(secret, knownPrefix);
        return $"{secret[..visible]}\u2026 (sha256:{Hash(secret)}, {secret.Length} chars)";
    }
}
