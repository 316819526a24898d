namespace AtlasGuard.Formats.Pickle;

/// <summary>What the analysis of a whole input (all consecutive pickle streams) found.</summary>
public sealed class PickleFileReport
{
    internal PickleFileReport()
    {
    }

    /// <summary>The streams in file order (nested streams hang off their parent).</summary>
    public IReadOnlyList<PickleStreamReport> Streams { get; internal set; } = [];

    /// <summary>The recognised layout.</summary>
    public PickleFileLayout Layout { get; internal set; }

    /// <summary>The worst outcome of the top-level streams (or the budget / read error of the file walk).</summary>
    public PickleOutcome Outcome { get; internal set; }

    /// <summary>A read error of the file walk itself (between streams), null when none.</summary>
    public string? Problem { get; internal set; }

    /// <summary>The budget that stopped the file walk, if any.</summary>
    public PickleBudget Budget { get; internal set; }

    /// <summary>Bytes after the last stream that do not start a pickle (0 when none).</summary>
    public long TrailingBytes { get; internal set; }

    /// <summary>Absolute offset of the trailing bytes, -1 when none.</summary>
    public long TrailingOffset { get; internal set; } = -1;

    /// <summary>For <see cref="PickleFileLayout.TorchLegacy"/>: absolute offset of the raw storage bytes (not
    /// parsed), -1 otherwise.</summary>
    public long RawDataOffset { get; internal set; } = -1;

    /// <summary>For <see cref="PickleFileLayout.TorchLegacy"/>: the number of raw storage bytes, when known
    /// (-1 for a stream of unknown length).</summary>
    public long RawDataBytes { get; internal set; }

    /// <summary>All imports of all streams, nested ones included, in stream order.</summary>
    public IEnumerable<PickleImport> AllImports => Flatten(Streams).SelectMany(static s => s.Imports);

    /// <summary>All calls of all streams, nested ones included, in stream order.</summary>
    public IEnumerable<PickleCall> AllCalls => Flatten(Streams).SelectMany(static s => s.Calls);

    /// <summary>All streams, nested ones included, depth first.</summary>
    public IEnumerable<PickleStreamReport> AllStreams => Flatten(Streams);

    private static IEnumerable<PickleStreamReport> Flatten(IEnumerable<PickleStreamReport> streams)
    {
        foreach (var stream in streams)
        {
            yield return stream;
            foreach (var nested in Flatten(stream.NestedStreams))
            {
                yield return nested;
            }
        }
    }
}
