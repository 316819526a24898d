using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Scanning.Discovery;

namespace AtlasGuard.Core.Configuration;

/// <summary>Applies severity overrides, suppressions and a baseline to a scan result.</summary>
public static class FindingFilter
{
    /// <summary>
    /// Returns a result with overridden severities and without suppressed or baselined findings; the number
    /// removed is in <see cref="ScanResult.SuppressedCount"/>. Expired suppressions no longer apply.
    /// </summary>
    public static ScanResult Apply(ScanResult result, AtlasGuardConfig config, IReadOnlySet<string>? baseline, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(config);
        var active = config.Suppressions
            .Where(s => s.Expires is null || s.Expires.Value >= today)
            .Select(s => (Suppression: s, Pattern: s.Path is null ? null : GlobPattern.TryParse(s.Path)))
            .ToList();
        var kept = ImmutableArray.CreateBuilder<Finding>(result.Findings.Length);
        var removed = 0;
        foreach (var finding in result.Findings)
        {
            var f = config.SeverityOverrides.TryGetValue(finding.RuleId, out var severity) ? finding with { Severity = severity } : finding;
            if ((baseline is not null && baseline.Contains(f.Fingerprint)) || active.Any(s => Matches(s.Suppression, s.Pattern, f)))
            {
                removed++;
                continue;
            }

            kept.Add(f);
        }

        return result with { Findings = kept.ToImmutable(), SuppressedCount = result.SuppressedCount + removed };
    }

    private static bool Matches(Suppression s, GlobPattern? pattern, Finding f) =>
        (s.RuleId is null || string.Equals(s.RuleId, f.RuleId, StringComparison.Ordinal))
        && (s.Fingerprint is null || string.Equals(s.Fingerprint, f.Fingerprint, StringComparison.Ordinal))
        && (s.Path is null || (pattern is not null && pattern.IsMatch(f.Location.Path, isDirectory: false)));
}
