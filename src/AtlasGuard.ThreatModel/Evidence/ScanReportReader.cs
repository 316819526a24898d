using System.Collections.Immutable;
using System.Text.Json;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.ThreatModel.Evidence;

/// <summary>
/// Reads the findings of a saved <c>atlasguard scan --format json</c> report (docs/json-schema.json, schema 1.x), so
/// a threat model can use a scan made elsewhere, in CI for example. Only the fields evidence needs are read; the
/// report is bounded in size and depth, and anything that is not such a report is a <see cref="ScanReportException"/>
/// with the reason.
/// </summary>
public static class ScanReportReader
{
    /// <summary>The largest report read: 256 MiB, far above a million findings.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>Reads the report at <paramref name="path"/>.</summary>
    public static ImmutableArray<EvidenceFinding> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxBytes)
            {
                throw new ScanReportException($"{path}: {stream.Length:N0} bytes is more than a scan report may have ({MaxBytes:N0}).");
            }

            return Read(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScanReportException($"{path}: cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a report from <paramref name="json"/>; <paramref name="name"/> names it in errors.</summary>
    public static ImmutableArray<EvidenceFinding> Read(Stream json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(name);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new ScanReportException($"{name}: not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw new ScanReportException($"{name}: not an AtlasGuard JSON report (no schemaVersion and findings); write one with 'atlasguard scan --format json'.");
            }

            if (!version.GetString()!.StartsWith("1.", StringComparison.Ordinal))
            {
                throw new ScanReportException($"{name}: report schema {version.GetString()} is not one this version reads (1.x).");
            }

            var result = ImmutableArray.CreateBuilder<EvidenceFinding>(findings.GetArrayLength());
            var index = 0;
            foreach (var f in findings.EnumerateArray())
            {
                result.Add(Finding(f, name, index++));
            }

            return result.MoveToImmutable();
        }
    }

    private static EvidenceFinding Finding(JsonElement f, string name, int index)
    {
        string Fail(string what) => throw new ScanReportException($"{name}: findings[{index}] {what}.");

        if (f.ValueKind != JsonValueKind.Object)
        {
            Fail("is not an object");
        }

        var ruleId = Text(f, "ruleId") ?? Fail("has no ruleId");
        var severityText = Text(f, "severity") ?? Fail("has no severity");
        if (!SeverityNames.TryParse(severityText, out var severity))
        {
            Fail($"has an unknown severity '{severityText}'");
        }

        if (!f.TryGetProperty("location", out var location) || location.ValueKind != JsonValueKind.Object)
        {
            Fail("has no location");
        }

        var path = Text(location, "path") ?? Fail("has no location.path");
        int? line = location.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) ? n : null;
        var techniques = f.TryGetProperty("techniques", out var t) && t.ValueKind == JsonValueKind.Array
            ? [.. t.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : ImmutableArray<string>.Empty;
        return new EvidenceFinding(ruleId, severity, path, Text(location, "innerPath"), line, Text(f, "message") ?? string.Empty,
            techniques, Text(f, "fingerprint") ?? string.Empty);
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
