using AtlasGuard.Core.Findings;
using AtlasGuard.Formats.Notebooks;
using AtlasGuard.Formats.Text;

namespace AtlasGuard.Detectors.SourceFiles;

/// <summary>What a piece of scanned text is.</summary>
internal enum SourcePieceKind
{
    /// <summary>A whole text file.</summary>
    File,

    /// <summary>A notebook code cell's source (Python, with IPython magics and shell escapes).</summary>
    NotebookCode,

    /// <summary>A notebook markdown or raw cell's source.</summary>
    NotebookProse,

    /// <summary>Something a notebook cell printed or displayed, or its error traceback.</summary>
    NotebookOutput,
}

/// <summary>
/// One piece of text to scan: a whole file, or a notebook cell's source or output. Offsets into
/// <see cref="Text"/> map to locations in the file (for a notebook, the line of the <c>.ipynb</c> file, and the
/// cell and line within it for messages). The line index is built only when a location is asked for.
/// </summary>
internal sealed class SourcePiece
{
    private readonly ArtifactLocation _file;
    private readonly Lazy<LineIndex> _lines;

    public SourcePiece(ArtifactLocation file, string text, SourcePieceKind kind, NotebookText? cell = null)
    {
        _file = file;
        Text = text;
        Kind = kind;
        Cell = cell;
        _lines = new Lazy<LineIndex>(() => new LineIndex(text), LazyThreadSafetyMode.None);
    }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>What it is.</summary>
    public SourcePieceKind Kind { get; }

    /// <summary>The notebook text it came from, or null for a plain file.</summary>
    public NotebookText? Cell { get; }

    /// <summary>The 1-based line (and column) of an offset within <see cref="Text"/>.</summary>
    public (int Line, int Column) PositionOf(int offset) => _lines.Value.At(offset);

    /// <summary>The location of an offset: the file line (and column for plain files).</summary>
    public ArtifactLocation Locate(int offset)
    {
        var (line, column) = PositionOf(offset);
        return Cell is null ? _file.AtLine(line, column) : _file.AtLine(Cell.FileLineOf(line));
    }

    /// <summary>Where an offset is, for a message: "line 12", or "cell 3, line 2" / "cell 3, output 1, line 4".</summary>
    public string Describe(int offset)
    {
        var (line, _) = PositionOf(offset);
        return Cell is null ? $"line {line}" : $"{Cell.Describe()}, line {line}";
    }
}
