using System.Buffers;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.Notebooks;
using AtlasGuard.Formats.Text;

namespace AtlasGuard.Detectors.SourceFiles;

/// <summary>
/// A source or configuration file read for the text detectors (secrets, code, services, CI): a plain text file
/// as one piece, or a Jupyter notebook as one piece per cell source and text output. Binary files yield no
/// pieces. Reading is bounded by <see cref="MaxBytes"/>; what was not read is said in <see cref="Problem"/>.
/// </summary>
internal sealed class SourceText
{
    /// <summary>The most bytes of one file read as text (128 MiB).</summary>
    public const int MaxBytes = 128 * 1024 * 1024;

    private const long PooledBytes = 4 * 1024 * 1024;

    // The key under which a target keeps its last read for the detectors after the first (see ScanTarget.TryGetShared).
    private static readonly object SharedKey = new();

    private SourceText(IReadOnlyList<SourcePiece> pieces, bool isNotebook, bool looksBinary, string? problem, int problemLine)
    {
        Pieces = pieces;
        IsNotebook = isNotebook;
        LooksBinary = looksBinary;
        Problem = problem;
        ProblemLine = problemLine;
    }

    /// <summary>The text to scan.</summary>
    public IReadOnlyList<SourcePiece> Pieces { get; }

    /// <summary>Whether the file is a notebook.</summary>
    public bool IsNotebook { get; }

    /// <summary>Whether the file turned out to be binary (and so has no pieces).</summary>
    public bool LooksBinary { get; }

    /// <summary>Why the file was not read to its end, or null.</summary>
    public string? Problem { get; }

    /// <summary>The file line of <see cref="Problem"/>, or 0.</summary>
    public int ProblemLine { get; }

    /// <summary>Whether a file name is a Jupyter notebook's.</summary>
    public static bool IsNotebookName(string name) => name.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a target; a notebook by its name. The text detectors (secrets, code, services, CI, dependencies) each ask
    /// for the same target in turn, so the last read of a target is kept on the target itself (it dies with it) and
    /// given again to a caller whose bound it fits: the file is read, decoded and parsed once.
    /// </summary>
    public static async ValueTask<SourceText> ReadAsync(ScanTarget target, CancellationToken cancellationToken, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.TryGetShared<Kept>(SharedKey, out var kept) && kept.Fits(maxBytes))
        {
            return kept.Text;
        }

        var (text, length, whole) = await ReadUncachedAsync(target, maxBytes, cancellationToken).ConfigureAwait(false);
        target.SetShared(SharedKey, new Kept(text, maxBytes, length, whole));
        return text;
    }

    private static async ValueTask<(SourceText Text, int Length, bool Whole)> ReadUncachedAsync(ScanTarget target, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = target.OpenRead();
        TextContent content;
        await using (stream.ConfigureAwait(false))
        {
            // Files up to a few MiB (nearly all source) are read into a pooled buffer, given back once the text is built.
            var pool = target.Length <= PooledBytes ? ArrayPool<byte>.Shared : null;
            content = await TextContent.ReadAsync(stream, maxBytes, pool, cancellationToken, decode: !IsNotebookName(target.Name)).ConfigureAwait(false);
        }

        try
        {
            return FromContent(target, content, maxBytes, cancellationToken);
        }
        finally
        {
            content.Release();
        }
    }

    private static (SourceText Text, int Length, bool Whole) FromContent(ScanTarget target, TextContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var truncated = content.Truncated ? $"Only the first {maxBytes / (1024 * 1024)} MiB were read as text." : null;
        if (content.LooksBinary)
        {
            return (new SourceText([], IsNotebookName(target.Name), true, null, 0), content.Bytes.Length, !content.Truncated);
        }

        if (!IsNotebookName(target.Name))
        {
            return (new SourceText([new SourcePiece(target.Location, content.Text, SourcePieceKind.File)], false, false, truncated, 0), content.Bytes.Length, !content.Truncated);
        }

        var notebook = NotebookReader.Read(content.Bytes.Span, cancellationToken: cancellationToken);
        var pieces = notebook.Texts.Select(t => new SourcePiece(target.Location, t.Text, KindOf(t.Kind), t)).ToList();
        if (notebook.Problem is not null && pieces.Count == 0)
        {
            // Not a notebook after all (or broken from its first byte): scan the bytes as plain text so nothing hides.
            pieces.Add(new SourcePiece(target.Location, content.Decode(), SourcePieceKind.File));
        }

        return (new SourceText(pieces, true, false, truncated ?? notebook.Problem, truncated is null ? notebook.ProblemLine : 0), content.Bytes.Length, !content.Truncated);
    }

    /// <summary>Creates a plain-text piece list for tests and callers that already hold the text.</summary>
    public static SourceText FromText(ArtifactLocation location, string text) =>
        new([new SourcePiece(location, text, SourcePieceKind.File)], false, false, null, 0);

    // A read stands for another bound when it was made with that bound, or read the whole file and the file (with room
    // for a byte-order mark that was dropped) fits in that bound too.
    private sealed record Kept(SourceText Text, int MaxBytes, int Length, bool Whole)
    {
        public bool Fits(int maxBytes) => maxBytes == MaxBytes || (Whole && Length + 3L <= maxBytes);
    }

    private static SourcePieceKind KindOf(NotebookTextKind kind) => kind switch
    {
        NotebookTextKind.CodeSource => SourcePieceKind.NotebookCode,
        NotebookTextKind.MarkdownSource or NotebookTextKind.RawSource => SourcePieceKind.NotebookProse,
        _ => SourcePieceKind.NotebookOutput,
    };
}
