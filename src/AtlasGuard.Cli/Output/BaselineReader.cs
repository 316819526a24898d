using System.Text.Json;

namespace AtlasGuard.Cli.Output;

/// <summary>Reads the fingerprints of an earlier JSON report, for --baseline.</summary>
internal static class BaselineReader
{
    public static (IReadOnlySet<string>? Fingerprints, string? Error) Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
            if (!doc.RootElement.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                return (null, $"{path}: not an AtlasGuard JSON report (no 'findings' array). Create one with --format json.");
            }

            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in findings.EnumerateArray())
            {
                if (f.TryGetProperty("fingerprint", out var fp) && fp.GetString() is { } s)
                {
                    set.Add(s);
                }
            }

            return (set, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return (null, $"{path}: baseline could not be read: {ex.Message}");
        }
    }
}
