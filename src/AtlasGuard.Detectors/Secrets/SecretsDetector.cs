using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.SourceFiles;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// Credentials committed in any text file (source, configuration, notebooks with their outputs, YAML, JSON,
/// .env, shell, Dockerfiles, Markdown): token shapes from <c>secret-patterns.json</c>, Azure SAS tokens judged by
/// their permissions and expiry, Google service-account keys, private key blocks, credential files by name, and
/// secret variables in environment files and <c>%env</c> magics. Secrets are never reported whole (see
/// <see cref="SecretRedaction"/>). A text file or notebook that could not be read to its end is reported once
/// (AG-SCN-001).
/// </summary>
internal sealed class SecretsDetector(TimeProvider clock) : IDetector
{
    private static readonly HashSet<string> BinaryExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".tif", ".tiff", ".pdf", ".mp3", ".mp4", ".wav", ".flac", ".avi", ".mov",
        ".woff", ".woff2", ".ttf", ".otf", ".eot", ".so", ".dll", ".dylib", ".exe", ".o", ".a", ".class", ".jar", ".pyc", ".whl", ".egg",
        ".parquet", ".arrow", ".feather", ".orc", ".avro", ".tfrecord", ".db", ".sqlite", ".bin", ".pt", ".pth", ".ckpt", ".safetensors",
        ".onnx", ".h5", ".hdf5", ".keras", ".pb", ".tflite", ".gguf", ".npy", ".npz", ".pkl", ".pickle", ".joblib", ".msgpack", ".mlmodel",
    };

    public SecretsDetector()
        : this(TimeProvider.System)
    {
    }

    public string Id => "secrets";

    public ImmutableArray<RuleDescriptor> Rules { get; } = [.. SecretRules.All, ScanRules.ContentNotFullyRead];

    public bool AppliesToIgnoredFiles => false;

    public bool IsApplicable(ScanTarget target) =>
        target.Kind == ArtifactKind.Unknown && !BinaryExtensions.Contains(Path.GetExtension(target.Name)) && !target.Head.Span.Contains((byte)0);

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        var source = await SourceText.ReadAsync(target, cancellationToken).ConfigureAwait(false);
        if (source.LooksBinary)
        {
            return;
        }

        if (source.Problem is not null)
        {
            var location = source.ProblemLine > 0 ? target.Location.AtLine(source.ProblemLine) : target.Location;
            sink.Report(ScanRules.ContentNotFullyRead.CreateFinding(location,
                $"{(source.IsNotebook ? "Notebook" : "Text file")} not fully read for secrets: {source.Problem}", key: "secrets:" + source.Problem));
        }

        var reported = new Dictionary<(string Rule, string Hash), Occurrence>();
        var order = new List<Occurrence>();
        foreach (var piece in source.Pieces)
        {
            foreach (var hit in Inspect(target.Name, piece, source.IsNotebook, cancellationToken))
            {
                var hash = SecretRedaction.Hash(hit.Secret);
                if (reported.TryGetValue((hit.Rule.Id, hash), out var seen))
                {
                    seen.Count++;
                    continue;
                }

                var occurrence = new Occurrence(hit, piece, hash);
                reported.Add((hit.Rule.Id, hash), occurrence);
                order.Add(occurrence);
            }
        }

        foreach (var o in order)
        {
            sink.Report(o.ToFinding());
        }
    }

    private IEnumerable<SecretHit> Inspect(string name, SourcePiece piece, bool notebook, CancellationToken cancellationToken)
    {
        var text = piece.Text;
        var hits = new List<SecretHit>();
        AddUnclaimed(hits, ServiceAccountKeyInspector.Inspect(text, cancellationToken));
        AddUnclaimed(hits, AzureSasInspector.Inspect(text, clock.GetUtcNow(), cancellationToken));
        AddUnclaimed(hits, AwsPresignedUrlInspector.Inspect(text, clock.GetUtcNow(), cancellationToken));
        foreach (var m in SecretPatternScanner.BuiltIn.Scan(text, cancellationToken))
        {
            AddUnclaimed(hits, [new SecretHit(SecretRules.ById(m.Pattern.RuleId), m.Start, m.Value, m.Pattern.Provider, m.PrefixLength,
                m.Pattern.Severity, null, m.Pattern.Id)]);
        }

        AddUnclaimed(hits, PrivateKeyInspector.Inspect(text, cancellationToken));
        if (piece.Kind == SourcePieceKind.File && CredentialFileInspector.IsCredentialFileName(name))
        {
            AddUnclaimed(hits, CredentialFileInspector.Inspect(name, text, cancellationToken));
        }
        else if (piece.Kind == SourcePieceKind.File && !notebook && EnvFileInspector.IsEnvFileName(name))
        {
            AddUnclaimed(hits, EnvFileInspector.InspectFile(name, text, cancellationToken));
        }
        else if (piece.Kind == SourcePieceKind.File && !notebook)
        {
            AddUnclaimed(hits, EnvFileInspector.InspectScript(name, text, cancellationToken));
        }
        else if (piece.Kind == SourcePieceKind.NotebookCode)
        {
            AddUnclaimed(hits, EnvFileInspector.InspectMagics(text, cancellationToken));
        }

        hits.Sort((a, b) => a.Start.CompareTo(b.Start));
        return hits;
    }

    /// <summary>Adds hits whose value does not overlap one already found: each secret is reported by its most specific rule only.</summary>
    private static void AddUnclaimed(List<SecretHit> hits, IEnumerable<SecretHit> found)
    {
        foreach (var hit in found)
        {
            if (!hits.Exists(h => h.Overlaps(hit.Start, hit.End)))
            {
                hits.Add(hit);
            }
        }
    }

    private sealed class Occurrence(SecretHit hit, SourcePiece piece, string hash)
    {
        public int Count { get; set; } = 1;

        public Finding ToFinding()
        {
            var again = Count > 1 ? $" The same value occurs {Count - 1} more time{(Count > 2 ? "s" : "")} in this file." : string.Empty;
            var where = piece.Describe(hit.Start);
            var shown = piece.Kind == SourcePieceKind.NotebookOutput ? " (printed in the cell's output)" : string.Empty;
            var detail = hit.Detail ?? ".";
            return hit.Rule.CreateFinding(piece.Locate(hit.Start), $"{hit.What} at {where}{shown}{detail}{again}",
                key: $"{hit.Kind}:{hash}", evidence: SecretRedaction.Evidence(hit.Secret, hit.KnownPrefix), severity: hit.Severity);
        }
    }
}
