namespace AtlasGuard.Formats.Pickle;

/// <summary>What the static analysis of one pickle stream found. Everything seen before the stop point is kept,
/// whatever the outcome.</summary>
public sealed class PickleStreamReport
{
    internal PickleStreamReport()
    {
    }

    /// <summary>Why this stream was parsed (top level, joblib object array, alternate reading).</summary>
    public PickleStreamRole Role { get; internal init; }

    /// <summary>True for streams found inside another stream (joblib object arrays) and alternate readings.</summary>
    public bool IsNested => Role != PickleStreamRole.TopLevel;

    /// <summary>Absolute offset of the first byte of the stream.</summary>
    public long StartOffset { get; internal init; }

    /// <summary>Absolute offset just after the last byte consumed (after STOP when complete).</summary>
    public long EndOffset { get; internal set; }

    /// <summary>The protocol of the first PROTO opcode, or 0 when the stream has none (protocol 0 or 1).</summary>
    public int Protocol { get; internal set; }

    /// <summary>How the stream ended.</summary>
    public PickleOutcome Outcome { get; internal set; }

    /// <summary>The budget exceeded, when <see cref="Outcome"/> is <see cref="PickleOutcome.BudgetExceeded"/>.</summary>
    public PickleBudget Budget { get; internal set; }

    /// <summary>The first problem (CPython's error, or the budget / read error), null when complete.</summary>
    public string? Problem { get; internal set; }

    /// <summary>Absolute offset of the opcode where the first problem occurred, -1 when none.</summary>
    public long ProblemOffset { get; internal set; } = -1;

    /// <summary>The number of opcodes executed (including those after a recoverable problem).</summary>
    public long OpcodeCount { get; internal set; }

    /// <summary>The number of opcodes executed before the first problem: what CPython would have run.</summary>
    public long OpcodesBeforeProblem { get; internal set; }

    /// <summary>Distinct imports, in order of first occurrence.</summary>
    public IReadOnlyList<PickleImport> Imports { get; internal set; } = [];

    /// <summary>True when distinct imports beyond <see cref="PickleAnalysisOptions.MaxRecordedImports"/> were dropped.</summary>
    public bool ImportsTruncated { get; internal set; }

    /// <summary>The total number of import opcodes executed.</summary>
    public long ImportCount { get; internal set; }

    /// <summary>Recorded calls in stream order: at most <see cref="PickleAnalysisOptions.MaxCallsPerCallee"/> per
    /// callee and <see cref="PickleAnalysisOptions.MaxRecordedCalls"/> in all.</summary>
    public IReadOnlyList<PickleCall> Calls { get; internal set; } = [];

    /// <summary>True when a call to a callee not yet recorded had to be dropped (a real loss of evidence).</summary>
    public bool CallsTruncated { get; internal set; }

    /// <summary>The total number of calls executed.</summary>
    public long CallCount { get; internal set; }

    /// <summary>The number of PERSID/BINPERSID opcodes (PyTorch storages use them).</summary>
    public long PersistentIdCount { get; internal set; }

    /// <summary>Summaries of the first persistent ids.</summary>
    public IReadOnlyList<string> PersistentIdSamples { get; internal set; } = [];

    /// <summary>Irregularities, at most <see cref="PickleAnalysisOptions.MaxRecordedAnomalies"/>.</summary>
    public IReadOnlyList<PickleAnomaly> Anomalies { get; internal set; } = [];

    /// <summary>joblib object arrays and alternate readings of this stream.</summary>
    public IReadOnlyList<PickleStreamReport> NestedStreams { get; internal set; } = [];

    /// <summary>The number of joblib NumpyArrayWrapper arrays whose raw bytes were skipped.</summary>
    public int JoblibArrayCount { get; internal set; }

    /// <summary>The number of raw joblib array bytes skipped (padding included).</summary>
    public long JoblibArrayBytes { get; internal set; }

    /// <summary>True when this stream or a nested one has any import, call, persistent id or anomaly.</summary>
    public bool HasEvidence => Imports.Count > 0 || Calls.Count > 0 || PersistentIdCount > 0 || Anomalies.Count > 0
        || NestedStreams.Any(static s => s.HasEvidence);

    /// <summary>True when an import of this stream is called directly (it was invoked, not only imported).</summary>
    /// <param name="import">An import of this stream.</param>
    /// <returns>Whether the import is called.</returns>
    public static bool IsInvoked(PickleImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        return import.CallCount > 0;
    }
}
