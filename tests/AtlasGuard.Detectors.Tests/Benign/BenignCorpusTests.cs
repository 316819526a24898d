using AtlasGuard.Core.Findings;
using AtlasGuard.Detectors.Tests.Models;

namespace AtlasGuard.Detectors.Tests.Benign;

/// <summary>
/// False positives are bugs: files shaped like those of ordinary ML repositories (training scripts, notebooks with
/// plots and long outputs, compose files bound to localhost, workflows that pin their actions), kept under
/// Fixtures/Benign/&lt;family&gt;/, must give no finding at medium or above.
/// </summary>
public sealed class BenignCorpusTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Benign");

    [Fact]
    public async Task The_benign_corpus_gives_no_finding_at_medium_or_above()
    {
        Assert.True(Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Any(), "The benign corpus is empty.");

        var findings = await ModelFixtureTests.Scan(Root);

        var loud = findings.Where(f => f.Severity >= Severity.Medium).Select(f => $"{f.RuleId} {f.Location.DisplayPath}:{f.Location.Line} {f.Message}");
        Assert.Empty(loud);
    }
}
