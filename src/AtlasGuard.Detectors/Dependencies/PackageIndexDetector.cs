using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.Ci;
using AtlasGuard.Detectors.SourceFiles;

namespace AtlasGuard.Detectors.Dependencies;

/// <summary>
/// Package-index set-ups that invite dependency confusion (AG-DEP-001 to AG-DEP-004) in the files that configure
/// installs: requirements and constraints files, pip.conf / pip.ini, Dockerfiles, shell scripts, CI workflows,
/// environment files, notebooks (code cells only), pyproject.toml and uv.toml.
/// </summary>
internal sealed class PackageIndexDetector : IDetector
{
    private static readonly string[] ExactNames =
        ["pip.conf", "pip.ini", "pyproject.toml", "uv.toml", "dockerfile", "containerfile", ".env", ".gitlab-ci.yml", "makefile", "tox.ini", "jenkinsfile"];

    private static readonly string[] Extensions = [".sh", ".bash", ".ipynb", ".dockerfile"];

    public string Id => "package-index";

    public ImmutableArray<RuleDescriptor> Rules => DependencyRules.All;

    public bool AppliesToIgnoredFiles => false;

    public bool IsApplicable(ScanTarget target) => target.Kind == ArtifactKind.Unknown && IsConfigurationName(target.Name, target.Location.InnerPath ?? target.Location.Path);

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        var source = await SourceText.ReadAsync(target, cancellationToken).ConfigureAwait(false);
        var name = target.Name.ToLowerInvariant();
        var uvConfig = name == "uv.toml";
        foreach (var piece in source.Pieces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (piece.Kind is SourcePieceKind.NotebookOutput or SourcePieceKind.NotebookProse)
            {
                continue;
            }

            var report = new IndexReport(piece, sink);
            var hashed = piece.Text.Contains("--hash", StringComparison.Ordinal) || piece.Text.Contains("--require-hashes", StringComparison.Ordinal);
            var settings = IndexSettingScanner.Scan(piece.Text, uvConfig || (name == "pyproject.toml"), cancellationToken);
            var mainIsPrivate = settings.Any(s => s.Role == IndexRole.Main && IndexUrl.Parse(s.Url) is { IsPyPi: false, Host.Length: > 0 });
            foreach (var setting in settings)
            {
                report.Setting(setting, hashed, mainIsPrivate);
            }

            report.UnsafeStrategies(piece.Text, cancellationToken);
            if (name is "pyproject.toml" or "uv.toml")
            {
                report.Sources(PyprojectIndexes.Read(piece.Text, uvConfig, cancellationToken));
            }
        }
    }

    internal static bool IsConfigurationName(string fileName, string path)
    {
        var name = fileName.ToLowerInvariant();
        if (ExactNames.Contains(name, StringComparer.Ordinal) || Extensions.Any(e => name.EndsWith(e, StringComparison.Ordinal))
            || name.StartsWith("dockerfile.", StringComparison.Ordinal) || name.StartsWith(".env.", StringComparison.Ordinal))
        {
            return true;
        }

        if ((name.EndsWith(".txt", StringComparison.Ordinal) || name.EndsWith(".in", StringComparison.Ordinal))
            && (name.Contains("requirements", StringComparison.Ordinal) || name.Contains("constraints", StringComparison.Ordinal)
                || path.Replace('\\', '/').Contains("requirements/", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return WorkflowDetector.IsYamlName(name)
            && (WorkflowDetector.IsWorkflowPath(path) || name.StartsWith("environment", StringComparison.Ordinal) || name.StartsWith("conda", StringComparison.Ordinal)
                || name is "action.yml" or "action.yaml" or "azure-pipelines.yml" or ".gitlab-ci.yml");
    }

    /// <summary>Reports the settings of one piece of text.</summary>
    private sealed class IndexReport(SourcePiece piece, IFindingSink sink)
    {
        public void Setting(IndexSetting setting, bool hashed, bool mainIsPrivate)
        {
            var url = IndexUrl.Parse(setting.Url);
            var where = piece.Describe(setting.Offset);
            if (url.HasLiteralCredentials)
            {
                Report(DependencyRules.CredentialsInIndexUrl, setting.Offset,
                    $"The package index URL at {where} ({setting.Option}) carries a username and password or token for {url.Host}; anyone who can read this file can use them.",
                    "credentials/" + url.Host, $"{setting.Option} https://***@{url.Host}/...");
            }

            if (setting.Role != IndexRole.Extra || setting.Installer == Installer.Uv || setting.Url.Length == 0)
            {
                return;
            }

            var severity = Severity.High;
            string why;
            if (url.IsPyPi && mainIsPrivate)
            {
                why = "PyPI is added next to a private main index, so a name registered on PyPI competes with your private package";
            }
            else
            {
                var lower = (url.IsVendorIndex ? 1 : 0) + (hashed ? 1 : 0);
                severity = lower switch { 0 => Severity.High, 1 => Severity.Medium, _ => Severity.Low };
                why = "pip takes the highest version from either index, so anyone can publish the same name on PyPI with a higher version"
                    + (url.IsVendorIndex ? " (an official vendor index is no exception: that is how torchtriton from PyPI replaced PyTorch's own in December 2022)" : string.Empty)
                    + (hashed ? "; the hashes in this file block that only for requirements that carry them" : string.Empty);
            }

            Report(DependencyRules.ExtraIndex, setting.Offset,
                $"An extra package index ({url.Display}) is set at {where} with {setting.Option}: {why}.",
                "extra/" + (url.Host.Length > 0 ? url.Host : setting.Url), $"{setting.Option} {Redacted(url)}", severity);
        }

        public void UnsafeStrategies(string text, CancellationToken cancellationToken)
        {
            foreach (var value in (string[])["unsafe-best-match", "unsafe-first-match"])
            {
                for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var before = text.AsSpan(Math.Max(0, at - 40), Math.Min(at, 40));
                    if (before.Contains("index-strategy", StringComparison.Ordinal) || before.Contains("INDEX_STRATEGY", StringComparison.Ordinal))
                    {
                        Report(DependencyRules.UvUnsafeIndexStrategy, at,
                            $"uv is told to use index strategy {value} at {piece.Describe(at)}: it then compares versions across all indexes like pip, giving up its protection against dependency confusion.",
                            "strategy/" + value, "index-strategy " + value);
                        return;
                    }
                }
            }
        }

        public void Sources(IReadOnlyList<PackageSource> sources)
        {
            foreach (var s in sources.Where(s => s.Url is { } u && IndexUrl.Parse(u).HasLiteralCredentials))
            {
                var host = IndexUrl.Parse(s.Url!).Host;
                ReportAtLine(DependencyRules.CredentialsInIndexUrl, s.UrlLine,
                    $"The package source '{s.Name}' ([[{s.Table}]]) has a username and password or token in its URL for {host}.", "credentials/" + host, $"url = https://***@{host}/...");
            }

            var poetry = sources.Where(s => s.IsPoetry).ToList();
            var pypiPrimary = poetry.Any(s => s.IsPyPi && s.Priority is null or "primary" or "default");
            foreach (var s in poetry.Where(s => !s.IsPyPi))
            {
                var (message, severity) = s.Priority switch
                {
                    "secondary" => ("is 'secondary': Poetry looks for every package on PyPI as well, and a public name wins", (Severity?)null),
                    "supplemental" => ("is 'supplemental': it is asked only when PyPI has no such package, so a name registered on PyPI replaces yours (Poetry's documentation warns of this)", Severity.Low),
                    "explicit" => (null, null),
                    _ when pypiPrimary => ("is a primary source next to PyPI as a primary source: a name registered on PyPI competes with your package", (Severity?)null),
                    _ => (null, null),
                };
                if (message is not null)
                {
                    ReportAtLine(DependencyRules.PoetrySourcesWithPyPi, s.Line, $"The Poetry source '{s.Name}' {message}. Make it 'explicit' and name it on the private packages.",
                        "poetry/" + s.Name, $"[[tool.poetry.source]] {s.Name} priority={s.Priority ?? "primary"}", severity);
                }
            }
        }

        private static string Redacted(IndexUrl url) => url.Host.Length == 0 ? url.Raw.Length > 60 ? url.Raw[..57] + "..." : url.Raw : "https://" + url.Host + "/...";

        private void Report(RuleDescriptor rule, int offset, string message, string key, string evidence, Severity? severity = null) =>
            sink.Report(rule.CreateFinding(piece.Locate(offset), message, key + "@" + piece.Describe(offset), evidence, severity));

        private void ReportAtLine(RuleDescriptor rule, int line, string message, string key, string evidence, Severity? severity = null) =>
            Report(rule, piece.Text.Length == 0 ? 0 : OffsetOfLine(line), message, key, evidence, severity);

        private int OffsetOfLine(int line)
        {
            var offset = 0;
            for (var n = 1; n < line && offset >= 0; n++)
            {
                offset = piece.Text.IndexOf('\n', offset) is var next and >= 0 ? next + 1 : -1;
            }

            return Math.Max(0, offset);
        }
    }
}
