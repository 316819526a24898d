using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Evidence;

namespace AtlasGuard.ThreatModel.Tests.Evidence;

public sealed class ScanReportReaderTests
{
    [Fact]
    public void Reads_the_findings_of_a_real_json_report()
    {
        // The Reporting project's golden JSON report: the exact bytes `scan --format json` writes for its sample.
        var findings = ScanReportReader.ReadFile(RepoPaths.InRepo("tests", "AtlasGuard.Reporting.Tests", "Expectations", "sample.json"));

        Assert.Equal(4, findings.Length);
        var pickle = Assert.Single(findings, f => f.RuleId == "AG-MDL-001");
        Assert.Equal(Severity.Critical, pickle.Severity);
        Assert.Equal("models/fraud v2.pt", pickle.Path);
        Assert.Equal("archive/data.pkl", pickle.InnerPath);
        Assert.Equal(["AML.T0011.000", "AML.T0010.003"], pickle.Techniques.ToArray());
        Assert.Equal(32, pickle.Fingerprint.Length);
        Assert.Contains(findings, f => f.Line == 12 && f.Path == "train.py");
    }

    [Theory]
    [InlineData("not json at all", "not JSON")]
    [InlineData("[1, 2]", "not an AtlasGuard JSON report")]
    [InlineData("""{"schemaVersion": "2.0", "findings": []}""", "is not one this version reads")]
    [InlineData("""{"schemaVersion": "1.1", "findings": [{"severity": "high"}]}""", "findings[0] has no ruleId")]
    [InlineData("""{"schemaVersion": "1.1", "findings": [{"ruleId": "X", "severity": "dire", "location": {"path": "a"}}]}""", "unknown severity 'dire'")]
    [InlineData("""{"schemaVersion": "1.1", "findings": [{"ruleId": "X", "severity": "low"}]}""", "has no location")]
    public void Anything_else_is_refused_with_the_reason(string json, string reason)
    {
        var ex = Assert.Throws<ScanReportException>(() => ScanReportReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "scan.json"));

        Assert.StartsWith("scan.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_followed()
    {
        var json = """{"schemaVersion": "1.1", "findings": [""" + new string('[', 100_000) + new string(']', 100_000) + "]}";

        var ex = Assert.Throws<ScanReportException>(() => ScanReportReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "deep.json"));

        Assert.Contains("not JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_report_error() =>
        Assert.Throws<ScanReportException>(() => ScanReportReader.ReadFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json")));
}
