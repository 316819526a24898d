using System.Collections.Immutable;
using System.Globalization;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.SourceFiles;
using AtlasGuard.Formats.Python;

namespace AtlasGuard.Detectors.Code;

/// <summary>
/// Unsafe ML code in Python sources and notebook code cells (AG-COD-001 to 015), and Python launch code or Jupyter
/// configuration that exposes a service (AG-SVC-100 to 107). Each file or cell is parsed by <see cref="PythonParser"/>
/// (never run); data-driven call rules come from <c>code-calls.json</c>, structural checks from their own classes.
/// </summary>
internal sealed class CodeDetector : IDetector
{
    /// <summary>Tokens read per file or cell; the rest of a larger piece is not analysed.</summary>
    public const int MaxTokensPerPiece = 4_000_000;

    /// <summary>Findings of one data-driven rule kept per file or cell.</summary>
    public const int MaxFindingsPerRule = 200;

    // A token list up to this capacity (about 12 MB) is kept per thread and reused; a larger one is left to the collector.
    private const int MaxKeptTokens = 1 << 19;

    [ThreadStatic]
    private static List<PythonToken>? t_tokens;

    public string Id => "code";

    public ImmutableArray<RuleDescriptor> Rules { get; } = CodeRules.All;

    public bool AppliesToIgnoredFiles => false;

    public bool IsApplicable(ScanTarget target) => target.Kind == ArtifactKind.Unknown && IsPythonName(target.Name);

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        var source = await SourceText.ReadAsync(target, cancellationToken).ConfigureAwait(false);
        foreach (var piece in source.Pieces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (piece.Kind is SourcePieceKind.NotebookProse or SourcePieceKind.NotebookOutput)
            {
                continue;
            }

            var text = piece.Kind == SourcePieceKind.NotebookCode ? NotebookMagics.ToPython(piece.Text) : piece.Text;
            foreach (var hit in Analyze(text, cancellationToken))
            {
                Report(target, piece, hit, sink);
            }
        }
    }

    /// <summary>Everything the code rules find in one piece of Python source.</summary>
    public static List<CodeHit> Analyze(string text, CancellationToken cancellationToken = default)
    {
        var hits = new List<CodeHit>();
        if (!CodeVocabulary.MayMatter(text))
        {
            return hits; // No callee, module, keyword or setting any rule reads occurs: nothing to parse.
        }

        var buffer = t_tokens ?? [];
        t_tokens = null;
        try
        {
            Analyze(PythonParser.Parse(text, CodeVocabulary.Filter, MaxTokensPerPiece, buffer, cancellationToken), hits, cancellationToken);
        }
        finally
        {
            if (buffer.Capacity <= MaxKeptTokens)
            {
                buffer.Clear();
                t_tokens = buffer;
            }
        }

        return hits;
    }

    // The hits hold strings only, never the module's tokens, so the token list can be reused for the next piece.
    private static void Analyze(PythonModule module, List<CodeHit> hits, CancellationToken cancellationToken)
    {
        var table = CallRuleTable.Default;
        var rows = new List<CallRule>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var call in module.Calls)
        {
            rows.Clear();
            table.Match(module, call, rows);
            foreach (var row in rows)
            {
                // A generated or hostile file can repeat one call a million times; a few hundred findings say as much.
                var count = counts[row.RuleId] = counts.GetValueOrDefault(row.RuleId) + 1;
                if (count <= MaxFindingsPerRule)
                {
                    var more = count == MaxFindingsPerRule ? " Further calls of this kind in this file or cell are not listed." : string.Empty;
                    hits.Add(new CodeHit(CodeRules.Get(row.RuleId), call.Line, call.Column, $"{CodeText.Callee(call)}(...) {row.Why}.{more}",
                        CodeText.Snippet(module.Tokens, call), row.Severity));
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        HubDownloadCheck.Check(module, hits);
        TarExtractCheck.Check(module, hits);
        LlmOutputTaintCheck.Check(module, hits);
        SettingAssignmentCheck.Check(module, hits);
    }

    private static void Report(ScanTarget target, SourcePiece piece, CodeHit hit, IFindingSink sink)
    {
        var location = piece.Cell is null ? target.Location.AtLine(hit.Line, hit.Column) : target.Location.AtLine(piece.Cell.FileLineOf(hit.Line));
        var where = piece.Cell is null ? string.Empty : $"{piece.Cell.Describe()}, line {hit.Line}: ";
        var key = string.Create(CultureInfo.InvariantCulture, $"{(piece.Cell is null ? 0 : piece.Cell.Cell)}:{hit.Line}:{hit.Column}");
        sink.Report(hit.Rule.CreateFinding(location, where + hit.Message, key: key, evidence: hit.Evidence, severity: hit.Severity));
    }

    private static bool IsPythonName(string name) =>
        name.EndsWith(".py", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pyw", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);
}
