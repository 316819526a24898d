using System.Buffers;
using System.Globalization;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// An Azure shared access signature read from a URL query, a connection string or a bare token: its signature
/// (the secret) and the fields that say what it grants: <c>sp</c> permissions, <c>se</c>/<c>st</c> expiry and
/// start, <c>srt</c>/<c>ss</c> for account SAS, <c>sr</c> resource, <c>si</c> stored access policy.
/// </summary>
internal sealed record AzureSasToken(int Start, int SignatureStart, string Signature, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>How far around a <c>sig=</c> the rest of the token is looked for.</summary>
    public const int MaxTokenLength = 4096;

    private static readonly (char Letter, string Name)[] PermissionNames =
    [
        ('r', "read"), ('a', "add"), ('c', "create"), ('w', "write"), ('d', "delete"), ('x', "delete version"), ('y', "permanent delete"),
        ('l', "list"), ('t', "tags"), ('f', "find by tags"), ('m', "move"), ('e', "execute"), ('o', "ownership"), ('p', "permissions"),
        ('u', "update"), ('i', "set immutability policy"), ('s', "service"),
    ];

    public string? Field(string name) => Fields.TryGetValue(name, out var v) ? v : null;

    public string Permissions => Field("sp") ?? string.Empty;

    /// <summary>Permissions beyond reading one named object: write, delete, list and the like.</summary>
    public IEnumerable<string> ElevatedPermissions =>
        PermissionNames.Where(p => p.Letter is not ('r' or 'f' or 's') && Permissions.Contains(p.Letter)).Select(p => p.Name);

    public string DescribePermissions() =>
        string.Join(", ", PermissionNames.Where(p => Permissions.Contains(p.Letter)).Select(p => p.Name));

    public DateTimeOffset? Expiry => ParseTime(Field("se"));

    public DateTimeOffset? StartTime => ParseTime(Field("st"));

    public bool IsAccountSas => Field("srt") is not null || Field("ss") is not null;

    /// <summary>
    /// <c>sig=</c> in any case. A vectorised search: a case-insensitive <see cref="string.IndexOf(string, int, StringComparison)"/>
    /// is character by character under invariant globalization, and cost a fifth of a repository scan.
    /// </summary>
    private static readonly SearchValues<string> SignatureParameter = SearchValues.Create(["sig="], StringComparison.OrdinalIgnoreCase);

    /// <summary>Finds the SAS tokens in a text, by their <c>sig=</c> parameter.</summary>
    public static List<AzureSasToken> FindAll(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<AzureSasToken>();
        var from = 0;
        while (from < text.Length)
        {
            var next = text.AsSpan(from).IndexOfAny(SignatureParameter);
            if (next < 0)
            {
                break;
            }

            var at = from + next;

            cancellationToken.ThrowIfCancellationRequested();
            from = at + 4;
            if (at > 0 && text[at - 1] is not ('?' or '&' or ';' or '"' or '\'' or ' ' or '\t' or '\n'))
            {
                continue;
            }

            var token = Read(text, at, out var end);
            from = Math.Max(from, end);
            if (token is not null)
            {
                found.Add(token);
            }
        }

        return found;
    }

    private static AzureSasToken? Read(string text, int sigAt, out int end)
    {
        var start = sigAt;
        var floor = Math.Max(0, sigAt - MaxTokenLength);
        while (start > floor && !Ends(text[start - 1]))
        {
            start--;
        }

        end = sigAt;
        var ceiling = Math.Min(text.Length, sigAt + MaxTokenLength);
        while (end < ceiling && !Ends(text[end]))
        {
            end++;
        }

        var token = text.AsSpan(start, end - start);
        var query = token.IndexOf('?');
        var queryStart = query < 0 ? start : start + query + 1;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var signatureStart = -1;
        string? signature = null;
        foreach (var range in text.AsSpan(queryStart, end - queryStart).SplitAny("&;"))
        {
            var part = text.AsSpan(queryStart + range.Start.Value, range.End.Value - range.Start.Value);
            var offset = queryStart + range.Start.Value;
            if (part.StartsWith("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase))
            {
                offset += "SharedAccessSignature=".Length;
                part = part["SharedAccessSignature=".Length..];
            }

            var equals = part.IndexOf('=');
            if (equals <= 0 || equals > 8)
            {
                continue;
            }

            var key = part[..equals].ToString().ToLowerInvariant();
            var value = part[(equals + 1)..].ToString();
            fields.TryAdd(key, key == "sig" ? value : Uri.UnescapeDataString(value));
            if (key == "sig" && signature is null)
            {
                signature = value;
                signatureStart = offset + equals + 1;
            }
        }

        if (signature is null || !fields.ContainsKey("sv") && !(fields.ContainsKey("sp") && fields.ContainsKey("se")))
        {
            return null;
        }

        var decoded = Uri.UnescapeDataString(signature);
        if (decoded.Length < 16 || SecretValues.IsPlaceholder(decoded) || SecretValues.Entropy(decoded) < 3.5)
        {
            return null;
        }

        return new AzureSasToken(start, signatureStart, signature, fields);
    }

    private static bool Ends(char c) => char.IsWhiteSpace(c) || c is '"' or '\'' or '`' or '<' or '>' or '(' or ')' or '[' or ']' or '{' or '}' or '\\' or ',';

    private static DateTimeOffset? ParseTime(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : null;
}
