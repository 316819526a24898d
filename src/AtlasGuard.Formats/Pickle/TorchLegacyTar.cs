using System.Buffers.Binary;

namespace AtlasGuard.Formats.Pickle;

/// <summary>
/// The two members of a legacy (pre-1.6) PyTorch tar checkpoint that interleave pickles with raw records,
/// read the way <c>torch.serialization.legacy_load</c> reads them. Every pickle in them is executed by
/// <c>pickle.load</c>, so each is analysed; the raw records between them are skipped by their declared sizes.
/// </summary>
/// <remarks>
/// <c>storages</c>: a pickle with the storage count, then per storage a pickle <c>(key, location, storage_type)</c>
/// followed by an 8-byte little-endian element count and the elements, then a pickle of storage views.
/// <c>tensors</c>: a pickle with the tensor count, then per tensor a pickle <c>(key, storage_id, type)</c>
/// followed by a 4-byte dimension count, 4 unused bytes, sizes and strides (8 bytes each per dimension) and an
/// 8-byte storage offset.
/// </remarks>
public static class TorchLegacyTar
{
    private const long MaxDimensions = 64;

    /// <summary>Analyses the <c>storages</c> member. The stream must be seekable; otherwise it is read as plain stacked pickles.</summary>
    public static PickleFileReport AnalyzeStorages(Stream input, PickleAnalysisOptions? options = null, CancellationToken cancellationToken = default) =>
        Walk(input, options, PickleFileLayout.TorchLegacyTarStorages, SkipStorage, cancellationToken);

    /// <summary>Analyses the <c>tensors</c> member. The stream must be seekable; otherwise it is read as plain stacked pickles.</summary>
    public static PickleFileReport AnalyzeTensors(Stream input, PickleAnalysisOptions? options = null, CancellationToken cancellationToken = default) =>
        Walk(input, options, PickleFileLayout.TorchLegacyTarTensors, SkipTensorRecord, cancellationToken);

    private static PickleFileReport Walk(Stream input, PickleAnalysisOptions? options, PickleFileLayout layout,
        Func<Stream, PickleStreamReport, string?> skipRecord, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= PickleAnalysisOptions.Default;
        if (!input.CanSeek)
        {
            return PickleAnalyzer.AnalyzeFile(input, options, cancellationToken);
        }

        var report = new PickleFileReport { Layout = layout, Outcome = PickleOutcome.Complete };
        var streams = new List<PickleStreamReport>();
        report.Streams = streams;
        try
        {
            var count = PickleAnalyzer.AnalyzeStream(input, options, cancellationToken);
            streams.Add(count);
            if (count.Outcome != PickleOutcome.Complete)
            {
                report.Outcome = count.Outcome;
                return report;
            }

            while (input.Position < input.Length && streams.Count < options.MaxStreams)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = PickleAnalyzer.AnalyzeStream(input, options, cancellationToken);
                streams.Add(record);
                if (record.Outcome != PickleOutcome.Complete)
                {
                    report.Outcome = record.Outcome;
                    return report;
                }

                if (input.Position >= input.Length)
                {
                    break;
                }

                if (skipRecord(input, record) is { } problem)
                {
                    // The bytes after this pickle are not a record of the expected shape: the last pickle was
                    // the trailing one (storage views), or the member is damaged. What follows is reported as
                    // trailing data, not guessed at.
                    report.TrailingOffset = input.Position;
                    report.TrailingBytes = input.Length - input.Position;
                    report.Problem = problem;
                    break;
                }
            }

            if (streams.Count >= options.MaxStreams && input.Position < input.Length)
            {
                report.Outcome = PickleOutcome.BudgetExceeded;
                report.Budget = PickleBudget.Streams;
            }
        }
        catch (IOException exception)
        {
            report.Outcome = PickleOutcome.ReadError;
            report.Problem = exception.Message;
        }

        return report;
    }

    private static string? SkipStorage(Stream input, PickleStreamReport record)
    {
        var elementSize = record.Imports.Select(i => ElementSize(i.Name)).FirstOrDefault(s => s > 0);
        if (elementSize == 0)
        {
            return "no storage type in the record";
        }

        Span<byte> count = stackalloc byte[8];
        var start = input.Position;
        if (input.ReadAtLeast(count, 8, throwOnEndOfStream: false) < 8)
        {
            input.Position = start;
            return "storage element count is cut off";
        }

        var elements = BinaryPrimitives.ReadInt64LittleEndian(count);
        var remaining = input.Length - input.Position;
        if (elements < 0 || elements > remaining / elementSize)
        {
            input.Position = start;
            return $"storage claims {elements} elements of {elementSize} bytes, more than the {remaining} bytes left";
        }

        input.Seek(elements * elementSize, SeekOrigin.Current);
        return null;
    }

    private static string? SkipTensorRecord(Stream input, PickleStreamReport record)
    {
        _ = record;
        Span<byte> header = stackalloc byte[8];
        var start = input.Position;
        if (input.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8)
        {
            input.Position = start;
            return "tensor record is cut off";
        }

        long dimensions = BinaryPrimitives.ReadInt32LittleEndian(header);
        var size = (dimensions * 16) + 8;
        if (dimensions is < 0 or > MaxDimensions || size > input.Length - input.Position)
        {
            input.Position = start;
            return $"tensor record claims {dimensions} dimensions";
        }

        input.Seek(size, SeekOrigin.Current);
        return null;
    }

    private static int ElementSize(string? storageName) => storageName switch
    {
        "DoubleStorage" or "LongStorage" or "ComplexFloatStorage" => 8,
        "ComplexDoubleStorage" => 16,
        "FloatStorage" or "IntStorage" or "QInt32Storage" => 4,
        "HalfStorage" or "BFloat16Storage" or "ShortStorage" => 2,
        "CharStorage" or "ByteStorage" or "BoolStorage" or "QUInt8Storage" or "QInt8Storage" or "QUInt4x2Storage" or "QUInt2x4Storage" => 1,
        _ => 0,
    };
}
