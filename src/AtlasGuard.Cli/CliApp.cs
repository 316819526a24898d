using AtlasGuard.Cli.Commands;
using AtlasGuard.Cli.Commands.Atlas;
using AtlasGuard.Cli.Commands.ThreatModel;
using AtlasGuard.Cli.Output;
using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli;

/// <summary>Builds and runs the <c>atlasguard</c> command line.</summary>
internal static class CliApp
{
    /// <summary>
    /// Runs the command line. <paramref name="cache"/> is the user's cache, where <c>atlas update</c> keeps a release
    /// (default <see cref="AtlasCache.Default"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TimeProvider time, CancellationToken cancellationToken,
        AtlasCache? cache = null)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        registrar.RegisterInstance(typeof(TimeProvider), time);
        registrar.RegisterInstance(typeof(AtlasCache), cache ?? AtlasCache.Default);
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("atlasguard");
            config.SetApplicationVersion(Reporting.ToolInfo.Version);
            config.ConfigureConsole(console);
            config.PropagateExceptions();
            config.AddCommand<ScanCommand>("scan")
                .WithDescription("Scan files, folders and archives for malicious model files and report each finding with its "
                    + "MITRE ATLAS techniques, MLOps phase and mitigations. Exit codes: 0 nothing at or above --fail-on, "
                    + "1 findings at or above it, 2 usage or configuration error.")
                .WithExample("scan", "examples/fraud-detection")
                .WithExample("scan", "models/", "--format", "sarif", "--output", "atlasguard.sarif")
                .WithExample("scan", ".", "--fail-on", "medium", "--exclude", "data/raw/**");
            config.AddCommand<ThreatModelCommand>("threat-model")
                .WithDescription("Evaluate a pipeline model (YAML) against MITRE ATLAS: the threats per MLOps phase for each attacker "
                    + "profile, their risk (likelihood x impact, 1-16), the mitigations present and missing, what the model does not "
                    + "say, and attack paths. With --scan or --scan-report, threats a finding supports are observed. With --discover, "
                    + "draft a model from a repository instead. Exit codes: 0 no open threat at or above --fail-on, 1 one is, "
                    + "2 invalid document or usage error (each problem printed as file:line:col).")
                .WithExample("threat-model", "examples/threat-models/shadowray/pipeline.yaml")
                .WithExample("threat-model", "pipeline.yaml", "--scan", ".", "--fail-on", "high")
                .WithExample("threat-model", "pipeline.yaml", "--scan-report", "scan.json", "--format", "markdown", "--output", "threats.md")
                .WithExample("threat-model", "pipeline.yaml", "--scan", ".", "--format", "html", "--output", "threats.html")
                .WithExample("threat-model", "--discover", "examples/ray-cluster-repo", "--output", "pipeline.yaml");
            config.AddCommand<RulesCommand>("rules")
                .WithDescription("List every rule with its severity, MLOps phase and MITRE ATLAS techniques.")
                .WithExample("rules", "AG-SVC-001")
                .WithExample("rules", "AG-SEC")
                .WithExample("rules", "--format", "markdown");
            config.AddBranch("atlas", atlas =>
            {
                atlas.SetDescription("Browse MITRE ATLAS offline: tactics, techniques, mitigations, case studies, the matrix and "
                    + "AtlasGuard's MLOps phases. Every command takes --format json and --atlas-data FILE (an official release, "
                    + "which adds MITRE's descriptions). Without --atlas-data the release 'atlas update' cached is used when "
                    + "there is one, else the facts AtlasGuard ships; --atlas-data embedded forces those.");
                atlas.AddCommand<AtlasTacticsCommand>("tactics").WithDescription("The tactics in matrix order.");
                atlas.AddCommand<AtlasTechniquesCommand>("techniques")
                    .WithDescription("Techniques and sub-techniques, optionally of one tactic or MLOps phase.")
                    .WithExample("atlas", "techniques", "--tactic", "initial-access", "--phase", "development");
                atlas.AddCommand<AtlasTechniqueCommand>("technique")
                    .WithDescription("One technique: tactics, parent and sub-techniques, phases, mitigations, case studies that used it.")
                    .WithExample("atlas", "technique", "AML.T0010.003");
                atlas.AddCommand<AtlasMitigationsCommand>("mitigations").WithDescription("The mitigations.");
                atlas.AddCommand<AtlasMitigationCommand>("mitigation")
                    .WithDescription("One mitigation and the techniques it addresses.")
                    .WithExample("atlas", "mitigation", "AML.M0014");
                atlas.AddCommand<AtlasCaseStudiesCommand>("case-studies").WithDescription("The case studies.");
                atlas.AddCommand<AtlasCaseStudyCommand>("case-study")
                    .WithDescription("One case study and its procedure as a kill chain.")
                    .WithExample("atlas", "case-study", "AML.CS0023");
                atlas.AddCommand<AtlasSearchCommand>("search")
                    .WithDescription("Ranked search over ids, names and (with --atlas-data) descriptions.")
                    .WithExample("atlas", "search", "supply chain");
                atlas.AddCommand<AtlasPhasesCommand>("phases").WithDescription("AtlasGuard's MLOps phase taxonomy: phase -> techniques.");
                atlas.AddCommand<AtlasMatrixCommand>("matrix").WithDescription("The ATLAS matrix, sub-techniques folded.");
                atlas.AddCommand<AtlasUpdateCommand>("update")
                    .WithDescription("Download the newest official MITRE ATLAS release (mitre-atlas/atlas-data) into the user's cache, "
                        + "check its size, SHA-256 and contents, and replace the cached copy atomically. Uses the network; "
                        + "exit code 2 when the server cannot be reached or the file is refused (the cache is then unchanged).")
                    .WithExample("atlas", "update")
                    .WithExample("atlas", "update", "--expected-sha256", "8a5693df51135721796607b8f29cba8ed33d745d5592ed80efbaaab0fba978f2",
                        "--url", "https://raw.githubusercontent.com/mitre-atlas/atlas-data/main/dist/ATLAS.yaml");
            });
        });

        try
        {
            return await app.RunAsync(args, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Errors.Print(["Interrupted."]);
            return 130;
        }
        catch (CommandAppException ex)
        {
            Errors.Print([ex.Message]);
            return ExitCodes.UsageError;
        }
        catch (FileNotFoundException ex)
        {
            Errors.Print([ex.Message]);
            return ExitCodes.UsageError;
        }
        catch (IOException ex)
        {
            Errors.Print([ex.Message]);
            return ExitCodes.UsageError;
        }
        catch (UnauthorizedAccessException ex)
        {
            Errors.Print([ex.Message]);
            return ExitCodes.UsageError;
        }
    }
}
