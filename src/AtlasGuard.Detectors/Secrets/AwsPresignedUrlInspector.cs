using System.Buffers;
using System.Globalization;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// An AWS access key id inside a presigned URL (<c>X-Amz-Credential=AKIA.../date/region/service/aws4_request</c>,
/// Signature Version 4) is judged by the URL: the URL is a bearer credential for one object until
/// <c>X-Amz-Date</c> plus <c>X-Amz-Expires</c> seconds (at most seven days), and after that only names the IAM
/// principal that signed it. A live URL keeps the rule's severity; an expired one, as in API documentation and
/// old logs, is low. The key id is the reported value, so the plain key-id pattern does not report it again; AWS
/// documentation's placeholder ids (with <c>EXAMPLE</c> in them) are not reported.
/// </summary>
internal static class AwsPresignedUrlInspector
{
    private static readonly SearchValues<string> CredentialParameter = SearchValues.Create(["X-Amz-Credential="], StringComparison.OrdinalIgnoreCase);

    // Where a URL ends: whitespace, quotes, brackets and the characters that close it in JSON, Markdown and HTML.
    private static readonly SearchValues<char> UrlEnd = SearchValues.Create(" \t\r\n\"'<>()[]{}`\\");

    public static IEnumerable<SecretHit> Inspect(string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hits = new List<SecretHit>();
        for (var from = 0; from < text.Length;)
        {
            var next = text.AsSpan(from).IndexOfAny(CredentialParameter);
            if (next < 0)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var at = from + next;
            var keyStart = at + "X-Amz-Credential=".Length;
            from = keyStart;
            if (KeyId(text, keyStart) is not { } keyId)
            {
                continue;
            }

            var (start, end) = Url(text, at);
            var query = text.AsSpan(start, end - start);
            var signed = Parameter(query, "X-Amz-Date") is { } date
                && DateTimeOffset.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
                    ? d : (DateTimeOffset?)null;
            var lifetime = Parameter(query, "X-Amz-Expires") is { } seconds && int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                ? s : (int?)null;
            hits.Add(Judge(keyStart, keyId, signed, lifetime, now));
            from = Math.Max(from, end);
        }

        return hits;
    }

    private static SecretHit Judge(int start, string keyId, DateTimeOffset? signed, int? lifetime, DateTimeOffset now)
    {
        const string what = "AWS access key id in a presigned URL";
        if (signed is { } date && lifetime is { } seconds)
        {
            var until = date.AddSeconds(seconds);
            return until < now
                ? new SecretHit(SecretRules.CloudCredential, start, keyId, what, 4, Severity.Low,
                    $" (signed {date:yyyy-MM-dd HH:mm}Z, expired {until:yyyy-MM-dd HH:mm}Z). The URL no longer grants access; the key id still names the IAM user or role that signed it.",
                    "aws-presigned-url")
                : new SecretHit(SecretRules.CloudCredential, start, keyId, what, 4, null,
                    $" (valid until {until:yyyy-MM-dd HH:mm}Z). Until then anyone with the URL can use the object it was signed for.",
                    "aws-presigned-url");
        }

        return new SecretHit(SecretRules.CloudCredential, start, keyId, what, 4, null,
            " (its X-Amz-Date or X-Amz-Expires cannot be read, so whether it still works is unknown).", "aws-presigned-url");
    }

    /// <summary>The key id the credential starts with (20 characters, before "/" or "%2F"), or null.</summary>
    private static string? KeyId(string text, int start)
    {
        const int length = 20;
        if (start + length > text.Length)
        {
            return null;
        }

        var id = text.AsSpan(start, length);
        if (!(id.StartsWith("AKIA", StringComparison.Ordinal) || id.StartsWith("ASIA", StringComparison.Ordinal)))
        {
            return null;
        }

        foreach (var c in id[4..])
        {
            if (!(char.IsAsciiLetterUpper(c) || c is >= '2' and <= '7'))
            {
                return null;
            }
        }

        if (id.Contains("EXAMPLE", StringComparison.Ordinal))
        {
            return null; // AWS documentation's placeholder ids (AKIAIOSFODNN7EXAMPLE and the like).
        }

        var after = text.AsSpan(start + length);
        return after.StartsWith("/", StringComparison.Ordinal) || after.StartsWith("%2F", StringComparison.OrdinalIgnoreCase)
            ? id.ToString()
            : null;
    }

    /// <summary>The URL (or query string) around a parameter: back and forward to the characters that end a URL, at most 8 KiB each way.</summary>
    private static (int Start, int End) Url(string text, int at)
    {
        const int reach = 8 * 1024;
        var lower = Math.Max(0, at - reach);
        var before = text.AsSpan(lower, at - lower).LastIndexOfAny(UrlEnd);
        var start = before < 0 ? lower : lower + before + 1;
        var upper = Math.Min(text.Length, at + reach);
        var after = text.AsSpan(at, upper - at).IndexOfAny(UrlEnd);
        return (start, after < 0 ? upper : at + after);
    }

    /// <summary>A query parameter's value (case-insensitive name), or null.</summary>
    private static string? Parameter(ReadOnlySpan<char> query, string name)
    {
        foreach (var range in query.SplitAny('?', '&'))
        {
            var part = query[range];
            if (part.Length > name.Length && part[name.Length] == '=' && part.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return part[(name.Length + 1)..].ToString();
            }
        }

        return null;
    }
}
