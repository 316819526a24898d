using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.Config;

namespace AtlasGuard.Detectors.Services;

/// <summary>Settings files of services: TorchServe <c>config.properties</c>, Streamlit <c>.streamlit/config.toml</c>, <c>airflow.cfg</c>.</summary>
internal sealed class ServiceConfigDetector : ServiceDetectorBase
{
    public override string Id => "services-config";

    protected override bool Applies(ScanTarget target) => target.Name is "config.properties" or "airflow.cfg" || IsStreamlitConfig(target);

    protected override void Scan(ScanTarget target, string text, ServiceReporter reporter, CancellationToken cancellationToken)
    {
        var entries = KeyValueFile.Read(text);
        if (target.Name == "config.properties")
        {
            ConfigFileChecks.TorchServe(entries, reporter);
        }
        else if (target.Name == "airflow.cfg")
        {
            ConfigFileChecks.Airflow(entries, reporter);
        }
        else
        {
            ConfigFileChecks.Streamlit(entries, reporter);
        }
    }

    private static bool IsStreamlitConfig(ScanTarget target) =>
        target.Name == "config.toml" && (target.Location.Path.EndsWith(".streamlit/config.toml", StringComparison.Ordinal) || target.Location.Path == ".streamlit/config.toml");
}
