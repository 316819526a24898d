using System.Text;
using System.Text.RegularExpressions;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Models.Safetensors;

/// <summary>
/// Policy over <c>__metadata__</c> values: code, download-and-run commands, template injection, long base64
/// blobs and links to scripts or executables. Ordinary metadata (format, license, training arguments, short
/// links to model cards, base64 thumbnail images) passes.
/// </summary>
internal static partial class MetadataInspector
{
    private const int MinBase64Run = 200;
    private const int MaxInspectedLength = 1 << 20;

    /// <summary>What was found in one value.</summary>
    public sealed record Hit(string Reason, string Evidence, Severity Severity);

    public static Hit? Inspect(string key, string value)
    {
        var text = value.Length > MaxInspectedLength ? value[..MaxInspectedLength] : value;
        var hits = new List<(string Reason, Match Match, Severity Severity)>();
        foreach (var input in new[] { key, text })
        {
            AddIf(hits, ExecutingCode().Match(input), "Python code that runs commands or code", Severity.High);
            AddIf(hits, DownloadAndRun().Match(input), "a download-and-run command", Severity.High);
            AddIf(hits, TemplateDunder().Match(input), "a template expression that reaches Python internals", Severity.High);
            AddIf(hits, ImportStatement().Match(input), "a Python import statement", Severity.Medium);
            AddIf(hits, ScriptUrl().Match(input), "a URL to a script or executable", Severity.Medium);
        }

        foreach (Match blob in Base64Run().Matches(text))
        {
            if (DescribeBlob(text, blob) is { } blobHit)
            {
                hits.Add((blobHit.Reason, blob, blobHit.Severity));
                break;
            }
        }

        if (hits.Count == 0)
        {
            return null;
        }

        var worst = hits.OrderByDescending(h => h.Severity).First();
        var reasons = string.Join(", ", hits.Select(h => h.Reason).Distinct(StringComparer.Ordinal));
        var evidence = $"__metadata__[\"{SafetensorsText.Printable(key, 80)}\"]: {reasons}: \"{Excerpt(text, worst.Match)}\"";
        return new Hit(reasons, evidence, worst.Severity);
    }

    private static void AddIf(List<(string, Match, Severity)> hits, Match match, string reason, Severity severity)
    {
        if (match.Success)
        {
            hits.Add((reason, match, severity));
        }
    }

    private static (string Reason, Severity Severity)? DescribeBlob(string text, Match blob)
    {
        var run = blob.Value;
        if (run.All(char.IsAsciiHexDigit))
        {
            return null; // hashes and hex digests
        }

        var decoded = Decode(run);
        var prefix = text[Math.Max(0, blob.Index - 40)..blob.Index];
        if (prefix.Contains("data:image/", StringComparison.OrdinalIgnoreCase) && decoded is not null && IsImage(decoded))
        {
            return null; // a thumbnail, as kohya and ComfyUI write them
        }

        if (decoded is null || decoded.Length < 4)
        {
            return ($"a base64-like blob of {run.Length} characters", Severity.Medium);
        }

        var kind = HiddenRegionProbe.Identify(decoded);
        if (!kind.StartsWith("unrecognised", StringComparison.Ordinal))
        {
            return ($"a base64 blob of {run.Length} characters that decodes to {kind}", Severity.High);
        }

        var decodedText = Encoding.UTF8.GetString(decoded);
        if (ExecutingCode().IsMatch(decodedText) || DownloadAndRun().IsMatch(decodedText) || ImportStatement().IsMatch(decodedText))
        {
            return ($"a base64 blob of {run.Length} characters that decodes to code (\"{SafetensorsText.Printable(decodedText, 60)}\")",
                Severity.High);
        }

        return ($"a base64 blob of {run.Length} characters", Severity.Medium);
    }

    private static byte[]? Decode(string run)
    {
        var s = run.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        s = s[..Math.Min(s.Length, 8192)];
        s = s[..(s.Length - (s.Length % 4))];
        var bytes = new byte[s.Length / 4 * 3];
        return Convert.TryFromBase64String(s, bytes, out var written) ? bytes[..written] : null;
    }

    private static bool IsImage(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || bytes.StartsWith("GIF8"u8) || (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8));

    private static string Excerpt(string text, Match match)
    {
        var start = Math.Max(0, match.Index - 20);
        var length = Math.Min(text.Length - start, 120);
        var excerpt = SafetensorsText.Printable(text.Substring(start, length), 120).Replace("\"", "\\\"", StringComparison.Ordinal);
        return (start > 0 ? "…" : "") + excerpt + (start + length < text.Length && !excerpt.EndsWith('…') ? "…" : "");
    }

    [GeneratedRegex(@"__import__\s*\(|\b(?:exec|eval)\s*\(|\bos\s*\.\s*(?:system|popen|exec[lv]p?e?|spawn\w*|remove|unlink)\s*\("
        + @"|\bsubprocess\s*\.\s*\w+|\bpty\s*\.\s*spawn|\bsocket\s*\.\s*socket\s*\(|\bbuiltins\s*\.\s*(?:exec|eval)"
        + @"|\bmarshal\s*\.\s*loads|\bpickle\s*\.\s*loads",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExecutingCode();

    [GeneratedRegex(@"\b(?:curl|wget)\b[^\n|;]{0,300}\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\b(?:iex|Invoke-Expression)\b"
        + @"|powershell(?:\.exe)?\s+[^\n]{0,100}-e(?:nc|ncodedcommand)?\s",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DownloadAndRun();

    [GeneratedRegex(@"(?:\{\{|\{%)[^}]{0,500}?__(?:class|globals|builtins|subclasses|mro|base|bases|init|import|getattribute|dict)__",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TemplateDunder();

    [GeneratedRegex(@"(?:^|[\n;]|\bthen\s)\s*(?:import\s+[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*(?:$|[\n;]|\s+as\s)"
        + @"|from\s+[A-Za-z_][\w.]*\s+import\s+[\w*])",
        RegexOptions.CultureInvariant | RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ImportStatement();

    [GeneratedRegex(@"\b(?:https?|ftp)://[^\s""'<>]+?\.(?:sh|bash|zsh|ps1|psm1|bat|cmd|exe|dll|so|dylib|py|pyc|pl|rb|js|vbs|jar|msi|scr"
        + @"|apk|deb|rpm|elf)(?=$|[\s""'<>?#)\]]|\.(?!\w))|\bfile://[^\s""'<>]+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ScriptUrl();

    [GeneratedRegex(@"[A-Za-z0-9+/_\-]{200,}={0,2}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Base64Run();
}
