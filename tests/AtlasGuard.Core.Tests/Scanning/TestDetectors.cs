using System.Collections.Immutable;
using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Core.Tests.Scanning;

/// <summary>Small detectors whose behaviour the engine tests control.</summary>
internal static class TestRules
{
    public static RuleDescriptor Marker { get; } = new()
    {
        Id = "AG-TST-001",
        Name = "Marker",
        ShortDescription = "Marker found.",
        FullDescription = "The test marker was found.",
        DefaultSeverity = Severity.High,
        Phase = MlopsPhase.Development,
        Remediation = "None.",
        Techniques = ["AML.T0011.000"],
        Mitigations = ["AML.M0016"],
        HelpMarkdown = "Test.",
    };
}

/// <summary>Reports each occurrence of "MALICIOUS" in a file, reading it whole.</summary>
internal sealed class MarkerDetector(bool ignoredToo = false) : IDetector
{
    public string Id => "marker";

    public ImmutableArray<RuleDescriptor> Rules => [TestRules.Marker];

    public bool AppliesToIgnoredFiles => ignoredToo;

    public bool IsApplicable(ScanTarget target) => true;

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        await using var s = target.OpenRead();
        using var reader = new StreamReader(s, Encoding.Latin1);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var at = text.IndexOf("MALICIOUS", StringComparison.Ordinal);
        while (at >= 0)
        {
            sink.Report(TestRules.Marker.CreateFinding(target.Location.AtOffset(at), "Marker.", key: at.ToString()));
            at = text.IndexOf("MALICIOUS", at + 1, StringComparison.Ordinal);
        }
    }
}

/// <summary>Never finishes on files named slow.bin until cancelled.</summary>
internal sealed class SlowDetector : IDetector
{
    public string Id => "slow";

    public ImmutableArray<RuleDescriptor> Rules => [];

    public bool AppliesToIgnoredFiles => false;

    public bool IsApplicable(ScanTarget target) => target.Name == "slow.bin";

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default) =>
        await Task.Delay(Timeout.Infinite, cancellationToken);
}

/// <summary>Throws on files named boom.bin, as a buggy detector would.</summary>
internal sealed class ThrowingDetector : IDetector
{
    public string Id => "boom";

    public ImmutableArray<RuleDescriptor> Rules => [];

    public bool AppliesToIgnoredFiles => false;

    public bool IsApplicable(ScanTarget target) => target.Name == "boom.bin";

    public ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("bug");
}
