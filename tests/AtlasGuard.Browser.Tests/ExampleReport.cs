using AtlasGuard.Cli;
using AtlasGuard.Testing;

namespace AtlasGuard.Browser.Tests;

/// <summary>
/// The HTML report of the model part of the bundled example (<c>examples/fraud-detection</c> without its planted
/// secrets, code, services and CI files, so that the page's contents stay small and fixed), written on first use by
/// the real command line (in-process) into a temporary folder, once per test run.
/// </summary>
public sealed class ExampleReport : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("atlasguard-browser-").FullName;
    private readonly Lazy<Task<string>> _url;

    public ExampleReport() => _url = new(WriteAsync);

    /// <summary>The report file.</summary>
    public string ReportPath => Path.Combine(_folder, "report.html");

    /// <summary>The report's <c>file://</c> address, once it is written.</summary>
    public Task<string> GetUrlAsync() => _url.Value;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> WriteAsync()
    {
        var console = PageWatch.QuietConsole();
        var example = RepoPaths.InRepo("examples", "fraud-detection");
        string[] excludes = [".env", ".github", "deploy", "docker-compose.yml", "mlflow", "notebooks", "scripts", "serve.py", "requirements-gpu.txt"];
        var code = await CliApp.RunAsync(
            ["scan", example, "--format", "html", "--output", ReportPath, .. excludes.SelectMany(e => new[] { "--exclude", e })],
            console, TimeProvider.System, CancellationToken.None);
        // The example holds critical findings, and --fail-on defaults to critical: exit code 1 with a report.
        if (code != 1 || !File.Exists(ReportPath))
        {
            throw new InvalidOperationException($"atlasguard scan --format html exited {code} without writing {ReportPath}.");
        }

        return new Uri(ReportPath).AbsoluteUri;
    }
}
