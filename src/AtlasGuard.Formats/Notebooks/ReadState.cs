namespace AtlasGuard.Formats.Notebooks;

/// <summary>What a notebook read has gathered so far.</summary>
internal sealed class ReadState(NotebookLimits limits, CancellationToken cancellationToken)
{
    public NotebookLimits Limits { get; } = limits;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public List<NotebookText> Texts { get; } = [];

    public FileLineCounter Lines { get; } = new();

    public string? Language { get; set; }

    public int Cells { get; set; }

    public int SkippedBinary { get; set; }
}

/// <summary>
/// Turns byte offsets into 1-based file lines. Offsets are asked for in increasing order as the reader moves
/// on, so newlines are counted once, incrementally; an earlier offset is counted from the start again.
/// </summary>
internal sealed class FileLineCounter
{
    private long _countedTo;
    private int _line = 1;

    public int LineAt(ReadOnlySpan<byte> json, long offset)
    {
        offset = Math.Clamp(offset, 0, json.Length);
        if (offset < _countedTo)
        {
            _countedTo = 0;
            _line = 1;
        }

        _line += json[(int)_countedTo..(int)offset].Count((byte)'\n');
        _countedTo = offset;
        return _line;
    }
}
