using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.Secrets;
using AtlasGuard.Testing;

namespace AtlasGuard.Detectors.Tests.Secrets;

/// <summary>Helpers to run the secrets detector on in-memory files and on the fixture cases.</summary>
internal static class SecretFixtures
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Secrets");

    public static ScanTarget Target(string name, byte[] bytes) =>
        new(new ArtifactLocation(name), name, bytes.Length, ArtifactKind.Unknown, bytes.AsMemory(0, Math.Min(bytes.Length, 512)), () => new MemoryStream(bytes));

    public static ScanTarget Target(string name, string text) => Target(name, System.Text.Encoding.UTF8.GetBytes(text));

    public static async Task<ImmutableArray<Finding>> Analyze(ScanTarget target, TimeProvider? clock = null)
    {
        var detector = new SecretsDetector(clock ?? TimeProvider.System);
        var sink = new CollectingSink();
        Assert.True(detector.IsApplicable(target));
        await detector.AnalyzeAsync(target, sink, CancellationToken.None);
        return [.. sink.Findings];
    }

    public static Task<ImmutableArray<Finding>> Analyze(string name, string text, TimeProvider? clock = null) => Analyze(Target(name, text), clock);

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
