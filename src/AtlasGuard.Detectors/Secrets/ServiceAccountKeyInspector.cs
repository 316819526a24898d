namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// Google Cloud service-account key files: a JSON object (also pasted into code or printed by a notebook) with
/// <c>"type": "service_account"</c>, a <c>private_key</c> holding a PEM block, and a <c>client_email</c>. The
/// key is reported once, naming the account, and its PEM block is not reported again as a bare private key.
/// The markers are collected in one pass and paired by offset, so repeated markers cost no more than one pass.
/// </summary>
internal static class ServiceAccountKeyInspector
{
    private const string Marker = "service_account";
    private const string KeyName = "private_key";
    private const int Reach = 8192;

    public static IEnumerable<SecretHit> Inspect(string text, CancellationToken cancellationToken)
    {
        var markers = Offsets(text, Marker, at => text.AsSpan(Math.Max(0, at - 16), Math.Min(16, at)).Contains("type", StringComparison.Ordinal));
        if (markers.Count == 0)
        {
            return [];
        }

        var hits = new List<SecretHit>();
        var reportedUpTo = -1;
        foreach (var keyAt in Offsets(text, KeyName, _ => true))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (keyAt <= reportedUpTo)
            {
                continue;
            }

            var near = markers.BinarySearch(keyAt);
            near = near >= 0 ? near : ~near;
            var closest = Math.Min(near < markers.Count ? markers[near] - keyAt : int.MaxValue, near > 0 ? keyAt - markers[near - 1] : int.MaxValue);
            var pemFrom = keyAt + KeyName.Length;
            var pem = text.AsSpan(pemFrom, Math.Min(24, text.Length - pemFrom)).IndexOf("-----BEGIN ", StringComparison.Ordinal);
            if (closest > Reach || pem < 0)
            {
                continue;
            }

            var key = PrivateKeyInspector.Inspect(text, pemFrom + pem, pemFrom + pem + 1, cancellationToken).FirstOrDefault();
            if (key is null)
            {
                continue;
            }

            var windowStart = Math.Max(0, keyAt - Reach);
            var email = ValueOf(text.AsSpan(windowStart, Math.Min(text.Length, keyAt + Reach) - windowStart), "client_email");
            reportedUpTo = key.End;
            hits.Add(new SecretHit(SecretRules.ServiceAccountKey, key.Start, key.Secret, "Google Cloud service-account key", 0, null,
                email is null ? "." : $" for {email}.", "gcp-service-account"));
        }

        return hits;
    }

    private static List<int> Offsets(string text, string value, Func<int, bool> keep)
    {
        var offsets = new List<int>();
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            if (keep(at))
            {
                offsets.Add(at);
            }
        }

        return offsets;
    }

    /// <summary>The string value of a JSON key in a window, tolerating escaped quotes; null when absent.</summary>
    private static string? ValueOf(ReadOnlySpan<char> window, string name)
    {
        var at = window.IndexOf(name, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = window[(at + name.Length)..];
        var colon = rest.IndexOf(':');
        if (colon < 0 || colon > 4)
        {
            return null;
        }

        rest = rest[(colon + 1)..].TrimStart(" \t\\\"");
        var end = rest.IndexOfAny("\"\\,}\n");
        var value = (end < 0 ? rest : rest[..end]).ToString();
        return value.Length is > 0 and < 200 ? value : null;
    }
}
