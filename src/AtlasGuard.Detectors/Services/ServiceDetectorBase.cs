using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Services;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.SourceFiles;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// What the service detectors share: they read text files (binary content is left alone), never look at
/// git-ignored files, report the service rules, and read YAML through the bounded reader.
/// </summary>
internal abstract class ServiceDetectorBase : IDetector
{
    /// <summary>Bounds for deployment YAML: compose merge keys expanded, at most 2,000 documents.</summary>
    protected static readonly YamlReadOptions YamlOptions = new() { MaxDepth = 64, MaxNodes = 200_000, MaxDocuments = 2_000, ExpandMergeKeys = true };

    /// <summary>The most bytes of one deployment file read (16 MiB); what is beyond is not read.</summary>
    protected const int MaxBytes = 16 * 1024 * 1024;

    public abstract string Id { get; }

    public ImmutableArray<RuleDescriptor> Rules => ServiceRules.All;

    public bool AppliesToIgnoredFiles => false;

    protected static MlopsServiceCatalog Catalog => MlopsServiceCatalog.Default;

    public bool IsApplicable(ScanTarget target) =>
        target.Kind == ArtifactKind.Unknown && SourceText.IsNotebookName(target.Name) == ReadsNotebooks && Applies(target);

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        var source = await SourceText.ReadAsync(target, cancellationToken, MaxBytes).ConfigureAwait(false);
        if (source.LooksBinary || source.Pieces.Count == 0)
        {
            return;
        }

        if (TextOf(source, cancellationToken) is { } text)
        {
            Scan(target, text, new ServiceReporter(target.Location, sink), cancellationToken);
        }
    }

    /// <summary>Whether the detector reads notebooks (and only notebooks) instead of plain text files.</summary>
    protected virtual bool ReadsNotebooks => false;

    /// <summary>The text <see cref="Scan"/> reads, whose lines are the file's lines; null when there is nothing to scan.</summary>
    protected virtual string? TextOf(SourceText source, CancellationToken cancellationToken) => source.Pieces[0].Text;

    /// <summary>Whether the target is this detector's, by name and head only.</summary>
    protected abstract bool Applies(ScanTarget target);

    protected abstract void Scan(ScanTarget target, string text, ServiceReporter reporter, CancellationToken cancellationToken);

    /// <summary>Runs the product checks on every launch.</summary>
    protected static void CheckAll(IEnumerable<ServiceLaunch> launches, ServiceReporter reporter, CancellationToken cancellationToken)
    {
        foreach (var launch in launches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ServiceChecks.Check(launch, reporter);
        }
    }

    /// <summary>The documents of a YAML stream that could be read.</summary>
    protected static IEnumerable<YamlDocument> ReadYaml(string text, CancellationToken cancellationToken) =>
        YamlTreeReader.ReadAll(text, YamlOptions, cancellationToken).Where(d => d.Root is not null && !d.Failed);
}
