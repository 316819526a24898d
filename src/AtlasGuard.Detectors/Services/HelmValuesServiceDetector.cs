using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Detectors.Services;

/// <summary>Exposed MLOps services in Helm values files (<c>values*.yaml</c>) of known charts.</summary>
internal sealed class HelmValuesServiceDetector : ServiceDetectorBase
{
    public override string Id => "services-helm-values";

    protected override bool Applies(ScanTarget target) => HelmValues.IsValuesFileName(target.Name);

    protected override void Scan(ScanTarget target, string text, ServiceReporter reporter, CancellationToken cancellationToken)
    {
        foreach (var doc in ReadYaml(text, cancellationToken).Take(1).Where(d => YamlNodes.Text(d.Root, "apiVersion") is null))
        {
            CheckAll(HelmValues.Read(doc, target.Location.Path, Catalog), reporter, cancellationToken);
        }
    }
}
