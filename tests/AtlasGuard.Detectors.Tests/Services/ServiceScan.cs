using AtlasGuard.Core.Findings;
using AtlasGuard.Detectors.Tests.Hostile;
using AtlasGuard.Testing;

namespace AtlasGuard.Detectors.Tests.Services;

/// <summary>Scans a few files written to a temporary tree and returns the service findings.</summary>
internal static class ServiceScan
{
    public static async Task<IReadOnlyList<Finding>> Files(params (string Path, string Content)[] files)
    {
        using var tree = new TempTree();
        foreach (var (path, content) in files)
        {
            tree.Write(path, content);
        }

        var findings = await HostileInputTests.Scan(tree.Root);
        return [.. findings.Where(f => f.RuleId.StartsWith("AG-SVC-", StringComparison.Ordinal) || f.RuleId.StartsWith("AG-SCN-", StringComparison.Ordinal))];
    }

    public static string Summary(IEnumerable<Finding> findings) =>
        string.Join("\n", findings.Select(f => $"{f.Severity} {f.RuleId} {f.Location.DisplayPath}:{f.Location.Line} {f.Message}"));
}
