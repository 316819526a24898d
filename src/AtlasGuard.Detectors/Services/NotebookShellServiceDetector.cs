using AtlasGuard.Core.Scanning;
using AtlasGuard.Detectors.SourceFiles;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// MLOps services started from a notebook's shell: <c>!ollama serve</c> with <c>%env OLLAMA_HOST=0.0.0.0</c>,
/// <c>!mlflow ui --host 0.0.0.0</c>, a <c>%%bash</c> cell that starts a Ray head, a TensorBoard or Jupyter server
/// bound to all interfaces. Tutorials and Colab notebooks do this often, and the notebook is then the only record of
/// how the service was exposed. The commands go through the same shell reader as scripts (see <see cref="NotebookShell"/>).
/// </summary>
internal sealed class NotebookShellServiceDetector : ServiceDetectorBase
{
    public override string Id => "services-notebook-shell";

    protected override bool ReadsNotebooks => true;

    protected override bool Applies(ScanTarget target) => true;

    protected override string? TextOf(SourceText source, CancellationToken cancellationToken) =>
        source.IsNotebook ? NotebookShell.Read(source.Pieces, cancellationToken) : null;

    protected override void Scan(ScanTarget target, string text, ServiceReporter reporter, CancellationToken cancellationToken) =>
        CheckAll(ShellLaunches.Read(text, Catalog, reporter, cancellationToken), reporter, cancellationToken);
}
