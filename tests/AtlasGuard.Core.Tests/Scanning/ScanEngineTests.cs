using AtlasGuard.Testing;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Core.Tests.Scanning;

public sealed class ScanEngineTests
{
    [Fact]
    public async Task Reports_findings_sorted_by_path_then_offset()
    {
        using var tree = new TempTree();
        tree.Write("b.bin", "xxMALICIOUSxxMALICIOUS");
        tree.Write("a.bin", "MALICIOUS");

        var result = await Engine(new MarkerDetector()).ScanAsync(new ScanRequest { Paths = [tree.Root] });

        Assert.Equal(["a.bin@0", "b.bin@2", "b.bin@13"], result.Findings.Select(f => $"{f.Location.Path}@{f.Location.ByteOffset}"));
        Assert.Equal(2, result.Statistics.FilesScanned);
    }

    [Fact]
    public async Task Same_findings_for_any_number_of_jobs()
    {
        using var tree = new TempTree();
        for (var i = 0; i < 40; i++)
        {
            tree.Write($"d{i % 5}/f{i}.bin", new string('x', i * 100) + "MALICIOUS");
        }

        var one = await Engine(new MarkerDetector()).ScanAsync(new ScanRequest { Paths = [tree.Root], Jobs = 1 });
        var four = await Engine(new MarkerDetector()).ScanAsync(new ScanRequest { Paths = [tree.Root], Jobs = 4 });

        Assert.Equal(40, one.Findings.Length);
        Assert.Equal(one.Findings.Select(Describe), four.Findings.Select(Describe));
    }

    [Fact]
    public async Task A_slow_file_times_out_with_a_finding_and_the_scan_goes_on()
    {
        using var tree = new TempTree();
        tree.Write("slow.bin", "x");
        tree.Write("other.bin", "MALICIOUS");
        var request = new ScanRequest { Paths = [tree.Root], Limits = new ScanLimits { PerFileTimeout = TimeSpan.FromMilliseconds(200) } };

        var result = await Engine(new SlowDetector(), new MarkerDetector()).ScanAsync(request);

        Assert.Contains(result.Findings, f => f.RuleId == "AG-SCN-003" && f.Location.Path == "slow.bin");
        Assert.Contains(result.Findings, f => f.RuleId == "AG-TST-001" && f.Location.Path == "other.bin");
    }

    [Fact]
    public async Task A_failing_detector_becomes_a_finding_and_the_scan_goes_on()
    {
        using var tree = new TempTree();
        tree.Write("boom.bin", "MALICIOUS");

        var result = await Engine(new ThrowingDetector(), new MarkerDetector()).ScanAsync(new ScanRequest { Paths = [tree.Root] });

        Assert.Contains(result.Findings, f => f.RuleId == "AG-SCN-001" && f.Message.Contains("boom", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.RuleId == "AG-TST-001");
    }

    [Fact]
    public async Task Files_over_the_size_limit_are_reported_not_read()
    {
        using var tree = new TempTree();
        tree.Write("big.bin", new string('M', 2048) + "MALICIOUS");
        var request = new ScanRequest { Paths = [tree.Root], Limits = new ScanLimits { MaxFileSize = 1024 } };

        var result = await Engine(new MarkerDetector()).ScanAsync(request);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("AG-SCN-002", finding.RuleId);
        Assert.Equal(1, result.Statistics.FilesSkipped);
    }

    [Fact]
    public async Task Gitignored_files_reach_only_detectors_that_ask_for_them()
    {
        using var tree = new TempTree();
        tree.Write(".gitignore", "ignored.bin\n");
        tree.Write("ignored.bin", "MALICIOUS");

        var sourceOnly = await Engine(new MarkerDetector(ignoredToo: false)).ScanAsync(new ScanRequest { Paths = [tree.Root] });
        var artifacts = await Engine(new MarkerDetector(ignoredToo: true)).ScanAsync(new ScanRequest { Paths = [tree.Root] });

        Assert.Empty(sourceOnly.Findings);
        Assert.Single(artifacts.Findings);
    }

    [Fact]
    public async Task Missing_paths_are_a_usage_error()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            Engine(new MarkerDetector()).ScanAsync(new ScanRequest { Paths = ["/definitely/not/here"] }));
    }

    [Fact]
    public async Task Zero_byte_files_are_scanned_without_error()
    {
        using var tree = new TempTree();
        tree.Write("empty.pt", []);

        var result = await Engine(new MarkerDetector()).ScanAsync(new ScanRequest { Paths = [tree.Root] });

        Assert.Empty(result.Findings);
        Assert.Equal(1, result.Statistics.FilesScanned);
    }

    [Fact]
    public void Duplicate_detector_ids_fail_fast()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new DetectorSet([new MarkerDetector(), new MarkerDetector()], []));

        Assert.Contains("marker", ex.Message, StringComparison.Ordinal);
    }

    private static string Describe(AtlasGuard.Core.Findings.Finding f) =>
        $"{f.RuleId}|{f.Location.DisplayPath}|{f.Location.ByteOffset}|{f.Fingerprint}|{f.Message}";

    private static ScanEngine Engine(params IDetector[] detectors) => new(new DetectorSet(detectors, []));
}
