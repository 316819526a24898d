using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.Compose;
using AtlasGuard.Formats.Kubernetes;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// Exposed MLOps services in Kubernetes manifests (any <c>.yaml</c>/<c>.yml</c> whose text names apiVersion and
/// kind, all documents of the stream), and the Kubeflow ingress gateway opened to the outside.
/// </summary>
internal sealed class KubernetesServiceDetector : ServiceDetectorBase
{
    public override string Id => "services-kubernetes";

    protected override bool Applies(ScanTarget target)
    {
        var name = target.Name.ToLowerInvariant();
        return (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal))
            && !ComposeEnvironment.IsComposeFileName(target.Name) && !HelmValues.IsValuesFileName(target.Name);
    }

    protected override void Scan(ScanTarget target, string text, ServiceReporter reporter, CancellationToken cancellationToken)
    {
        if (!KubernetesManifest.LooksLikeManifest(text))
        {
            return;
        }

        var docs = KubernetesManifest.Objects(ReadYaml(text, cancellationToken)).Where(d => YamlNodes.Text(d.Root, "kind") is not null).ToList();
        if (docs.Count == 0)
        {
            return;
        }

        CheckAll(KubernetesLaunches.Read(docs, Catalog, cancellationToken).Select(p => p.Launch), reporter, cancellationToken);
        foreach (var doc in docs.Where(d => YamlNodes.Text(d.Root, "kind") == "Service"))
        {
            var name = KubernetesManifest.Name(doc.Root);
            var kubeflow = name == "centraldashboard" || (name == "istio-ingressgateway" && text.Contains("kubeflow", StringComparison.OrdinalIgnoreCase));
            if (kubeflow && KubernetesLaunches.OutsideType(doc.Root) is { } type)
            {
                reporter.Report(ServiceRules.KubeflowGatewayExposed, doc.Line("/spec"),
                    $"Service '{name}' ({KubernetesManifest.Namespace(doc.Root)}) is opened to other networks ({type}); it fronts the Kubeflow dashboard, notebooks and pipelines, which were mined through exactly this kind of exposure. Make sure Dex/oauth2-proxy authentication guards every route.",
                    "kubeflow:" + name, $"Service {name} {type}");
            }
        }
    }
}
