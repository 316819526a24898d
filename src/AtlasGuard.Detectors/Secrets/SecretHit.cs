using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// A credential found in one piece of text: the rule, where the value is, the value itself (kept only in memory,
/// to hash and redact), what it is, and the severity when it differs from the rule's default.
/// </summary>
/// <param name="Rule">The rule reported.</param>
/// <param name="Start">Offset of the value in the piece.</param>
/// <param name="Secret">The value; never printed.</param>
/// <param name="What">What it is, for the message ("Hugging Face user access token").</param>
/// <param name="KnownPrefix">How many leading characters are a public prefix (e.g. 3 for <c>hf_</c>).</param>
/// <param name="Severity">A severity other than the rule's default.</param>
/// <param name="Detail">A sentence added to the message (permissions, expiry, file kind), safe to print.</param>
/// <param name="Kind">What identifies the shape in the fingerprint (a pattern id).</param>
internal sealed record SecretHit(RuleDescriptor Rule, int Start, string Secret, string What, int KnownPrefix = 0, Severity? Severity = null,
    string? Detail = null, string? Kind = null)
{
    /// <summary>Offset just after the value.</summary>
    public int End => Start + Secret.Length;

    public bool Overlaps(int start, int end) => start < End && Start < end;
}
