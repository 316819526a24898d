using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Detectors.Services;

/// <summary>Dockerfiles (<c>Dockerfile</c>, <c>Dockerfile.*</c>, <c>*.Dockerfile</c>, <c>Containerfile</c>) whose image serves an MLOps product to other machines.</summary>
internal sealed class DockerfileServiceDetector : ServiceDetectorBase
{
    public override string Id => "services-dockerfile";

    public static bool IsDockerfileName(string name) =>
        name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase) || name.Equals("Containerfile", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".dockerfile", StringComparison.Ordinal);

    protected override bool Applies(ScanTarget target) => IsDockerfileName(target.Name);

    protected override void Scan(ScanTarget target, string text, ServiceReporter reporter, CancellationToken cancellationToken)
    {
        if (DockerfileLaunches.Read(text, Catalog, cancellationToken) is { } launch)
        {
            ServiceChecks.Check(launch, reporter);
        }
    }
}
