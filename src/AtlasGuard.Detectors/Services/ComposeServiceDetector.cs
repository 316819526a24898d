using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.Compose;

namespace AtlasGuard.Detectors.Services;

/// <summary>Exposed MLOps services in compose files (<c>compose.yaml</c>, <c>docker-compose*.yml</c>, <c>*.compose.yaml</c>).</summary>
internal sealed class ComposeServiceDetector : ServiceDetectorBase
{
    public override string Id => "services-compose";

    protected override bool Applies(ScanTarget target) => ComposeEnvironment.IsComposeFileName(target.Name);

    protected override void Scan(ScanTarget target, string text, ServiceReporter reporter, CancellationToken cancellationToken)
    {
        foreach (var doc in ReadYaml(text, cancellationToken))
        {
            CheckAll(ComposeLaunches.Read(doc, Catalog), reporter, cancellationToken);
        }
    }
}
