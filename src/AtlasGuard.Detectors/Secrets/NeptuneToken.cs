using System.Buffers.Text;
using System.Text;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>A Neptune API token is base64 of a small JSON object with <c>api_address</c> and <c>api_key</c>.</summary>
internal static class NeptuneToken
{
    private const int MaxLength = 4096;

    public static bool IsValid(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaxLength)
        {
            return false;
        }

        var padded = token.PadRight((token.Length + 3) / 4 * 4, '=');
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(padded.Length)];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
        {
            return false;
        }

        var json = Encoding.UTF8.GetString(bytes, 0, written);
        return json.Contains("\"api_address\"", StringComparison.Ordinal) && json.Contains("\"api_key\"", StringComparison.Ordinal);
    }
}
