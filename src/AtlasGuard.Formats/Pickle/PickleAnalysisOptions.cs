namespace AtlasGuard.Formats.Pickle;

/// <summary>Budgets and switches for <see cref="PickleAnalyzer"/>. The defaults suit large real models.</summary>
public sealed record PickleAnalysisOptions
{
    /// <summary>The defaults.</summary>
    public static PickleAnalysisOptions Default { get; } = new();

    /// <summary>Maximum opcodes per stream.</summary>
    public long MaxOpcodes { get; init; } = 500_000_000;

    /// <summary>Maximum objects on the unpickler stack.</summary>
    public int MaxStackDepth { get; init; } = 1_000_000;

    /// <summary>Maximum nested MARKs.</summary>
    public int MaxMarkDepth { get; init; } = 100_000;

    /// <summary>Maximum distinct memo entries per stream (8 bytes each, plus the string bytes they keep).</summary>
    public int MaxMemoEntries { get; init; } = 16_000_000;

    /// <summary>Maximum bytes read or skipped over the whole input.</summary>
    public long MaxTotalBytes { get; init; } = 1L << 40;

    /// <summary>Maximum top-level streams per input.</summary>
    public int MaxStreams { get; init; } = 10_000;

    /// <summary>Maximum distinct imports recorded per stream (all are counted).</summary>
    public int MaxRecordedImports { get; init; } = 10_000;

    /// <summary>Maximum calls recorded per stream (all are counted).</summary>
    public int MaxRecordedCalls { get; init; } = 10_000;

    /// <summary>Maximum calls recorded for one callee, so that one benign class used a million times cannot push a
    /// distinct call out of the list.</summary>
    public int MaxCallsPerCallee { get; init; } = 8;

    /// <summary>Maximum anomalies recorded per stream.</summary>
    public int MaxRecordedAnomalies { get; init; } = 1_000;

    /// <summary>Errors tolerated after the first problem before the analysis stops (0: stop at the first problem
    /// like CPython).</summary>
    public int MaxErrorsAfterProblem { get; init; } = 100;

    /// <summary>Payloads up to this size are read into memory; larger ones are skipped (seeked over when possible)
    /// and only their first bytes kept.</summary>
    public int MaxBufferedPayload { get; init; } = 64 * 1024;

    /// <summary>Longest string kept whole for names and evidence; longer strings are truncated (and cannot resolve
    /// an import).</summary>
    public int MaxRetainedStringLength { get; init; } = 4096;

    /// <summary>Bytes of memoised string text kept per stream (one per char for Latin-1 text, UTF-8 otherwise). Beyond
    /// it a memoised string keeps only its kind and length: fetched from the memo, it can no longer resolve an import
    /// (the import is reported unresolved) or show its text in call evidence.</summary>
    public long MaxMemoStringChars { get; init; } = 32L * 1024 * 1024;

    /// <summary>Recognise joblib NumpyArrayWrapper arrays and skip their raw bytes (also parsing object arrays).</summary>
    public bool RecognizeJoblibArrays { get; init; } = true;

    /// <summary>Re-read a stream the other way when FRAME overruns or joblib arrays make unpicklers disagree.</summary>
    public bool AnalyzeAlternateReadings { get; init; } = true;

    /// <summary>Strict trial parse for <see cref="PickleSniffer"/>: implausible lengths and ids fail.</summary>
    internal bool Sniffing { get; init; }

    /// <summary>Read buffer size.</summary>
    public int BufferSize { get; init; } = 128 * 1024;
}
