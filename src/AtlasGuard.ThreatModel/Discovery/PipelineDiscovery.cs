using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Scanning.Discovery;
using AtlasGuard.Core.Services;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.ThreatModel.Discovery.Draft;
using AtlasGuard.ThreatModel.Discovery.Readers;

namespace AtlasGuard.ThreatModel.Discovery;

/// <summary>
/// Drafts a pipeline model from a repository: MLOps services in docker compose files and Kubernetes manifests,
/// model files (identified by content), notebooks, ML dependencies and CI workflows. The draft holds only what
/// the files show; every gap is a TODO comment and a <see cref="DiscoveryQuestion"/>. Files are never executed
/// or deserialised; unreadable, oversized or hostile files become <see cref="DiscoveryNote"/>s and the walk goes on.
/// </summary>
public static class PipelineDiscovery
{
    /// <summary>Walks <paramref name="root"/> (honouring .gitignore and excludes) and drafts the model.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async Task<DiscoveryResult> DiscoverAsync(string root, DiscoveryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        options ??= DiscoveryOptions.Default;
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The folder '{root}' does not exist.");
        }

        var sink = new FindingCollector();
        var files = new FileDiscovery(full, options.Excludes, options.UseGitIgnore, sink).Discover([full], cancellationToken);
        var byPath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        var run = new Run(options, MlopsServiceCatalog.Default);
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i == options.MaxFiles)
            {
                run.Draft.Note(".", 0, $"More than {options.MaxFiles} files; the rest were not looked at.");
                break;
            }

            await run.VisitAsync(files[i], cancellationToken).ConfigureAwait(false);
        }

        run.Models.Finish(run.Draft, path => byPath.TryGetValue(path, out var f) && f.Length <= 1024 * 1024 ? TryRead(f.FullPath) : null);
        run.Notebooks.Finish(run.Draft);
        CodeComponents.Finish(run.Draft, run.TrainingScripts);
        foreach (var finding in sink.ToSortedArray())
        {
            run.Draft.Note(finding.Location.Path, 0, finding.Message);
        }

        var flows = FlowInference.Infer(run.Draft);
        var name = options.Name ?? DraftDocument.Sanitize(new DirectoryInfo(full).Name);
        return DraftWriter.Write(run.Draft, flows, name.Length == 0 ? "pipeline" : name, AtlasCatalog.Embedded.Version, files.Count);
    }

    private static string? TryRead(string fullPath)
    {
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The state of one discovery run.</summary>
    private sealed class Run(DiscoveryOptions options, MlopsServiceCatalog catalog)
    {
        public DraftDocument Draft { get; } = new();

        public ModelFileReader Models { get; } = new();

        public NotebookReader Notebooks { get; } = new();

        public List<string> TrainingScripts { get; } = [];

        public async Task VisitAsync(DiscoveredFile file, CancellationToken cancellationToken)
        {
            var path = file.RelativePath;
            var name = Path.GetFileName(path);
            try
            {
                if (ModelFileReader.IsCandidate(name))
                {
                    Models.Add(path, await ReadHeadAsync(file.FullPath, cancellationToken).ConfigureAwait(false), file.Length);
                    return;
                }

                if (file.IsGitIgnored)
                {
                    return;
                }

                if (CodeComponents.IsTrainingScript(name))
                {
                    TrainingScripts.Add(path);
                    return;
                }

                var read = Reader(path, name);
                if (read is null)
                {
                    return;
                }

                if (file.Length > options.MaxFileBytes)
                {
                    if (NotebookReader.IsNotebook(name))
                    {
                        Notebooks.Add(path, null);
                    }

                    Draft.Note(path, 0, $"Larger than {options.MaxFileBytes} bytes; not read.");
                    return;
                }

                var text = await File.ReadAllTextAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
                read(text, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Draft.Note(path, 0, "Could not be read: " + e.Message);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
            {
                // A shape no reader expected: the file is noted and the walk goes on.
                Draft.Note(path, 0, "Could not be understood: " + e.Message);
            }
        }

        private Action<string, string>? Reader(string path, string name)
        {
            var yaml = name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
            return path switch
            {
                _ when CiReader.IsGitHubWorkflow(path) => (t, p) => CiReader.ReadGitHub(t, p, Draft),
                _ when CiReader.IsGitLab(path) => (t, p) => CiReader.ReadGitLab(t, p, Draft),
                _ when ComposeReader.IsComposeFile(name) => (t, p) => ComposeReader.Read(t, p, Draft, catalog),
                _ when yaml => ReadManifest,
                _ when NotebookReader.IsNotebook(name) => (t, p) => Notebooks.Add(p, t),
                _ when PythonDependencyReader.IsRequirements(name) => (t, p) => PythonDependencyReader.ReadRequirements(t, p, Draft),
                _ when name == "pyproject.toml" => (t, p) => PythonDependencyReader.ReadPyproject(t, p, Draft),
                _ => null,
            };
        }

        private void ReadManifest(string text, string path)
        {
            if (!KubernetesReader.LooksLikeManifest(text))
            {
                return;
            }

            if (text.Contains("{{", StringComparison.Ordinal))
            {
                Draft.Note(path, 0, "A Helm or other template: not read; render it (helm template) and discover from the output.");
                return;
            }

            KubernetesReader.Read(text, path, Draft, catalog);
        }

        private static async Task<byte[]> ReadHeadAsync(string fullPath, CancellationToken cancellationToken)
        {
            var buffer = new byte[ContentSniffer.HeadLength];
            var stream = File.OpenRead(fullPath);
            await using (stream.ConfigureAwait(false))
            {
                var total = 0;
                int n;
                while (total < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += n;
                }

                return buffer[..total];
            }
        }
    }
}
