namespace AtlasGuard.Formats.Text;

/// <summary>Maps character offsets of a text to 1-based lines and columns; built once in one pass.</summary>
public sealed class LineIndex
{
    private readonly int[] _starts;

    /// <summary>Indexes the line starts of <paramref name="text"/> (lines end at "\n"; a "\r" before it belongs to the line).</summary>
    public LineIndex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var starts = new List<int> { 0 };
        var span = text.AsSpan();
        var at = 0;
        while (true)
        {
            var next = span[at..].IndexOf('\n');
            if (next < 0)
            {
                break;
            }

            at += next + 1;
            starts.Add(at);
        }

        _starts = [.. starts];
    }

    /// <summary>How many lines the text has (an empty text has one).</summary>
    public int LineCount => _starts.Length;

    /// <summary>The 1-based line holding the character at <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        var i = Array.BinarySearch(_starts, offset);
        return i >= 0 ? i + 1 : ~i;
    }

    /// <summary>The 1-based line and column of the character at <paramref name="offset"/>.</summary>
    public (int Line, int Column) At(int offset)
    {
        var line = LineOf(offset);
        return (line, offset - _starts[line - 1] + 1);
    }

    /// <summary>The offset where a 1-based line starts.</summary>
    public int StartOf(int line) => _starts[Math.Clamp(line, 1, _starts.Length) - 1];
}
