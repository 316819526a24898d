namespace AtlasGuard.Formats.Notebooks;

/// <summary>What a piece of notebook text is.</summary>
public enum NotebookTextKind
{
    /// <summary>The source of a code cell.</summary>
    CodeSource,

    /// <summary>The source of a markdown cell.</summary>
    MarkdownSource,

    /// <summary>The source of a raw cell.</summary>
    RawSource,

    /// <summary>Text a cell printed (stdout, stderr).</summary>
    StreamOutput,

    /// <summary>A text representation of a result or display (text/plain, text/html, JSON ...).</summary>
    DataOutput,

    /// <summary>An error output: its name, value and traceback.</summary>
    ErrorOutput,
}

/// <summary>
/// One piece of text of a notebook: a cell's source or one output. <see cref="FileLines"/> gives, for each line
/// of <see cref="Text"/>, the line of the <c>.ipynb</c> file it was read from, so that findings point at real file
/// lines; a text stored as one JSON string maps every line to that string's line.
/// </summary>
/// <param name="Cell">The 1-based cell number, in file order.</param>
/// <param name="Output">The 1-based output number within the cell, or 0 for the cell's source.</param>
/// <param name="Kind">What the text is.</param>
/// <param name="MimeType">For <see cref="NotebookTextKind.DataOutput"/>, the MIME type; else null.</param>
/// <param name="Text">The text.</param>
/// <param name="FileLines">File line of each line of the text (at least one entry).</param>
public sealed record NotebookText(int Cell, int Output, NotebookTextKind Kind, string? MimeType, string Text, IReadOnlyList<int> FileLines)
{
    /// <summary>The file line of the given 1-based line of <see cref="Text"/>.</summary>
    public int FileLineOf(int textLine) => FileLines[Math.Clamp(textLine, 1, FileLines.Count) - 1];

    /// <summary>"cell 3" or "cell 3, output 2", for messages.</summary>
    public string Describe() => Output == 0 ? $"cell {Cell}" : $"cell {Cell}, output {Output}";
}

/// <summary>A notebook's text, read without running anything, with what could not be read.</summary>
/// <param name="Language">The kernel's language (from <c>language_info</c> or <c>kernelspec</c>), lower case, or null.</param>
/// <param name="Texts">Sources and text outputs in file order (a source whose cell type comes after it, after its outputs).</param>
/// <param name="CellCount">How many cells were read.</param>
/// <param name="SkippedBinaryOutputs">How many outputs were skipped as binary (images, PDFs).</param>
/// <param name="Problem">Why the notebook was not read to its end, or null.</param>
/// <param name="ProblemLine">The file line of the problem, or 0.</param>
public sealed record Notebook(string? Language, IReadOnlyList<NotebookText> Texts, int CellCount, int SkippedBinaryOutputs, string? Problem, int ProblemLine)
{
    /// <summary>Whether the code cells are Python (also when the notebook does not say).</summary>
    public bool IsPython => Language is null or "python" or "python3" or "ipython" or "ipython3";
}
