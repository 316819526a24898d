using AtlasGuard.Formats.Pickle.Internal;

namespace AtlasGuard.Formats.Pickle;

/// <summary>
/// Static analysis of Python pickle data, faithful to CPython's C unpickler. Nothing is ever imported, executed or
/// deserialised: every import the stream would perform and every call it would make is recorded, and hostile or
/// broken input ends in a <see cref="PickleOutcome"/> instead of an exception. Only cancellation throws
/// (<see cref="OperationCanceledException"/>).
/// </summary>
public static class PickleAnalyzer
{
    /// <summary>
    /// Analyses every consecutive pickle stream of <paramref name="input"/> from its current position to the end:
    /// stacked pickles, legacy <c>torch.save</c> files (five streams, then raw storage bytes) and joblib files (inline
    /// array bytes skipped, object arrays parsed as nested streams). Bytes after the last stream that do not start a
    /// pickle are reported as trailing data.
    /// </summary>
    /// <param name="input">A readable stream; seekable streams are faster (large payloads are seeked over).</param>
    /// <param name="options">Budgets; <see cref="PickleAnalysisOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked every few thousand opcodes.</param>
    /// <returns>The report; it always holds everything seen before the analysis stopped.</returns>
    public static PickleFileReport AnalyzeFile(Stream input, PickleAnalysisOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= PickleAnalysisOptions.Default;
        using var source = new ByteSource(input, options.BufferSize, Math.Max(options.MaxRetainedStringLength, 256),
            options.MaxTotalBytes);
        return new FileWalker(source, options, cancellationToken).Walk();
    }

    /// <summary>
    /// Analyses one pickle stream starting at the current position of <paramref name="input"/> (for example the
    /// object-array pickle after a <c>.npy</c> header). On return a seekable stream is positioned just after the
    /// stream's last consumed byte (after STOP when complete).
    /// </summary>
    /// <param name="input">A readable stream.</param>
    /// <param name="options">Budgets; <see cref="PickleAnalysisOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked every few thousand opcodes.</param>
    /// <returns>The stream report.</returns>
    public static PickleStreamReport AnalyzeStream(Stream input, PickleAnalysisOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= PickleAnalysisOptions.Default;
        using var source = new ByteSource(input, options.BufferSize, Math.Max(options.MaxRetainedStringLength, 256),
            options.MaxTotalBytes);
        var walker = new FileWalker(source, options, cancellationToken);
        var report = walker.ParseStream(PickleStreamRole.TopLevel, out _);
        if (input.CanSeek)
        {
            try
            {
                input.Position = report.EndOffset;
            }
            catch (IOException)
            {
                // The report already says how far the analysis got.
            }
        }

        return report;
    }
}
