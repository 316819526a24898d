using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Detectors.Services;

/// <summary>Reports service findings at file lines, once per rule, line and key.</summary>
internal sealed class ServiceReporter(ArtifactLocation file, IFindingSink sink)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public ArtifactLocation File => file;

    /// <summary>
    /// Reports once per rule, line and key; with <paramref name="oncePerFile"/> once per rule and key (settings that
    /// compose merge keys copy into every service).
    /// </summary>
    public void Report(RuleDescriptor rule, int line, string message, string key, string? evidence = null, Severity? severity = null, bool oncePerFile = false)
    {
        if (!_seen.Add(oncePerFile ? $"{rule.Id}|{key}" : $"{rule.Id}|{line}|{key}"))
        {
            return;
        }

        var at = line > 0 ? file.AtLine(line) : file;
        sink.Report(rule.CreateFinding(at, message, key: key, evidence: Evidence(evidence), severity: severity));
    }

    /// <summary>Evidence kept short and on one line.</summary>
    public static string? Evidence(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length > 160 ? oneLine[..160] + "…" : oneLine;
    }
}
