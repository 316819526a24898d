using System.Collections.Concurrent;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.Models.Onnx;
using AtlasGuard.Testing;

namespace AtlasGuard.Detectors.Tests.Models.Onnx;

public sealed class OnnxDetectorTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Formats", "onnx");

    private sealed class Sink : IFindingSink
    {
        public ConcurrentQueue<Finding> Findings { get; } = new();

        public void Report(Finding finding) => Findings.Enqueue(finding);
    }

    private static async Task<List<Finding>> AnalyzeMember(string fixture, string memberName)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(FixtureRoot, fixture, "model.onnx"));
        var head = bytes.AsMemory(0, Math.Min(bytes.Length, ContentSniffer.HeadLength));
        var parent = new ScanTarget(new ArtifactLocation("archive.zip"), "archive.zip", null, ArtifactKind.Zip, ReadOnlyMemory<byte>.Empty,
            () => new MemoryStream());
        var target = new ScanTarget(new ArtifactLocation("archive.zip", memberName), memberName, null, ContentSniffer.Sniff(head.Span, bytes.Length),
            head, () => new ForwardOnlyStream(bytes, maxRead: 7), depth: 1, parent: parent);
        var detector = new OnnxDetector();
        Assert.True(detector.IsApplicable(target));
        var sink = new Sink();
        await detector.AnalyzeAsync(target, sink);
        return [.. sink.Findings];
    }

    [Fact]
    public async Task Reports_traversal_in_an_archive_member_read_forward_only()
    {
        var findings = await AnalyzeMember("external-data-inner-dotdot", "model.onnx");
        Assert.Contains(findings, f => f.RuleId == "AG-MDL-030" && f.Severity == Severity.High);
    }

    [Fact]
    public async Task Does_not_look_for_external_files_of_archive_members()
    {
        var findings = await AnalyzeMember("external-data-missing", "model.onnx");
        Assert.Empty(findings);
    }

    [Fact]
    public async Task Finds_a_model_by_content_under_another_name()
    {
        var findings = await AnalyzeMember("custom-domain-ops", "weights.bin");
        var finding = Assert.Single(findings);
        Assert.Equal("AG-MDL-033", finding.RuleId);
        Assert.Contains("com.evil", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_an_unreadable_onnx_file_as_not_fully_read()
    {
        var findings = await AnalyzeMember("hostile-length-2-pow-40", "model.onnx");
        Assert.Contains(findings, f => f.RuleId == "AG-SCN-001");
    }
}
