using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// PEM and OpenSSH private key blocks (<c>-----BEGIN ... PRIVATE KEY-----</c>) with a real body: at least 64
/// base64 characters after the header, also when the block sits in a JSON string with <c>\n</c> escapes. A header
/// followed by "..." in documentation is not a key. Encrypted keys are reported at medium.
/// </summary>
internal static class PrivateKeyInspector
{
    private const string Begin = "-----BEGIN ";
    private const int MinBody = 64;
    private const int MaxHeader = 40;

    public static IEnumerable<SecretHit> Inspect(string text, CancellationToken cancellationToken) => Inspect(text, 0, text.Length, cancellationToken);

    /// <summary>Finds key blocks that begin between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static IEnumerable<SecretHit> Inspect(string text, int from, int to, CancellationToken cancellationToken)
    {
        while (from < to)
        {
            var at = text.IndexOf(Begin, from, Math.Min(text.Length, to + Begin.Length) - from, StringComparison.Ordinal);
            if (at < 0)
            {
                yield break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            from = at + Begin.Length;
            var headerEnd = text.IndexOf("-----", from, Math.Min(MaxHeader, text.Length - from), StringComparison.Ordinal);
            if (headerEnd < 0)
            {
                continue;
            }

            var header = text[from..headerEnd];
            if (!header.EndsWith("PRIVATE KEY", StringComparison.Ordinal) && !header.EndsWith("PRIVATE KEY BLOCK", StringComparison.Ordinal))
            {
                continue;
            }

            var bodyStart = headerEnd + 5;
            var (body, encrypted) = ReadBody(text, bodyStart);
            if (body.Length < MinBody || SecretValues.HasRun(body, 8))
            {
                continue;
            }

            from = bodyStart;
            encrypted |= header.Contains("ENCRYPTED", StringComparison.Ordinal);
            yield return new SecretHit(SecretRules.PrivateKey, bodyStart, body, $"{header.ToLowerInvariant()} block", 0,
                encrypted ? Severity.Medium : null, encrypted ? " The key is encrypted with a passphrase, which slows an attacker down but does not stop an offline guess." : null,
                "private-key");
        }
    }

    /// <summary>Reads base64 characters after a header, skipping line breaks (also escaped ones) and PEM header lines.</summary>
    private static (string Body, bool Encrypted) ReadBody(string text, int start)
    {
        var body = new System.Text.StringBuilder();
        var encrypted = false;
        var i = start;
        var limit = Math.Min(text.Length, start + 16_384);
        while (i < limit && body.Length < 4096)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')
            {
                var line = text.AsSpan(i, Math.Min(40, limit - i));
                if (line.StartsWith("Proc-Type:", StringComparison.Ordinal) || line.StartsWith("DEK-Info:", StringComparison.Ordinal))
                {
                    encrypted = true;
                    while (i < limit && text[i] is not ('\n' or '\\'))
                    {
                        i++;
                    }

                    continue;
                }

                body.Append(c);
                i++;
            }
            else if (c is '\n' or '\r' or ' ' or '\t' or '"' or ',')
            {
                i++;
            }
            else if (c == '\\' && i + 1 < limit && text[i + 1] is 'n' or 'r')
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        return (body.ToString(), encrypted);
    }
}
