using System.Numerics;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>Walks the consecutive streams of an input and recognises the legacy torch and joblib layouts.</summary>
internal sealed class FileWalker
{
    private const int TorchLegacyStreams = 5;
    private static readonly BigInteger TorchMagic = BigInteger.Parse("119547037146038801333356",
        System.Globalization.CultureInfo.InvariantCulture);

    private readonly ByteSource _source;
    private readonly PickleAnalysisOptions _options;
    private readonly CancellationToken _cancellationToken;

    public FileWalker(ByteSource source, PickleAnalysisOptions options, CancellationToken cancellationToken)
    {
        _source = source;
        _options = options;
        _cancellationToken = cancellationToken;
    }

    public PickleFileReport Walk()
    {
        var report = new PickleFileReport();
        var streams = new List<PickleStreamReport>();
        report.Streams = streams;
        try
        {
            WalkStreams(report, streams);
        }
        catch (IOException exception)
        {
            report.Outcome = PickleOutcome.ReadError;
            report.Problem = exception.Message;
        }
        catch (InvalidDataException exception)
        {
            report.Outcome = PickleOutcome.ReadError;
            report.Problem = exception.Message;
        }

        if (report.Outcome == PickleOutcome.Complete)
        {
            report.Outcome = streams.Select(static s => s.Outcome).DefaultIfEmpty(PickleOutcome.Complete).MaxBy(Rank);
        }

        if (report.Layout == PickleFileLayout.None && streams.Count > 0 && streams[0].OpcodeCount > 0)
        {
            report.Layout = streams.Any(static s => s.JoblibArrayCount > 0) ? PickleFileLayout.Joblib : PickleFileLayout.Generic;
        }

        return report;
    }

    private void WalkStreams(PickleFileReport report, List<PickleStreamReport> streams)
    {
        var first = ParseStream(PickleStreamRole.TopLevel, out var firstValue);
        streams.Add(first);
        if (first.Outcome != PickleOutcome.Complete)
        {
            return;
        }

        if (IsLiteralTorchMagic(first, firstValue))
        {
            report.Layout = PickleFileLayout.TorchLegacy;
            while (streams.Count < TorchLegacyStreams)
            {
                var next = ParseStream(PickleStreamRole.TopLevel, out _);
                streams.Add(next);
                if (next.Outcome != PickleOutcome.Complete)
                {
                    return;
                }
            }

            report.RawDataOffset = _source.Position;
            report.RawDataBytes = _source.Length >= 0 ? _source.Length - _source.Position : -1;
            return;
        }

        Span<byte> head = stackalloc byte[1];
        while (!_source.AtEnd())
        {
            if (streams.Count >= _options.MaxStreams)
            {
                report.Outcome = PickleOutcome.BudgetExceeded;
                report.Budget = PickleBudget.Streams;
                return;
            }

            var start = _source.Position;
            var startsWithProto = _source.Peek(head) == 1 && head[0] == (byte)PickleOpcode.Proto;
            var next = ParseStream(PickleStreamRole.TopLevel, out _);
            if (!startsWithProto && next.Outcome != PickleOutcome.Complete && !HasEvidenceBeforeProblem(next))
            {
                report.TrailingOffset = start;
                report.TrailingBytes = _source.Length >= 0 ? _source.Length - start : next.EndOffset - start;
                return;
            }

            streams.Add(next);
            if (next.Outcome != PickleOutcome.Complete)
            {
                return;
            }
        }
    }

    /// <summary>Parses one stream at the current position and, when unpicklers would disagree about it, the
    /// alternate readings (attached as nested streams when they show evidence the primary reading does not).</summary>
    public PickleStreamReport ParseStream(PickleStreamRole role, out SymValue finalValue)
    {
        var start = _source.Position;
        var interpreter = new StreamInterpreter(_source, _options, role, _options.RecognizeJoblibArrays, _cancellationToken);
        var report = interpreter.Run();
        finalValue = interpreter.FinalValue;
        if (!_options.AnalyzeAlternateReadings || !_source.CanSeek
            || report.Outcome is PickleOutcome.BudgetExceeded or PickleOutcome.ReadError)
        {
            return report;
        }

        var end = _source.Position;
        var nested = (List<PickleStreamReport>)report.NestedStreams;
        if (interpreter.HadDivergentFrames)
        {
            AddAlternate(report, nested, start, PickleStreamRole.AlternateContiguousFrames, contiguous: true,
                _options.RecognizeJoblibArrays);
        }

        if (interpreter.FirstJoblibArrayOffset >= 0)
        {
            AddAlternate(report, nested, start, PickleStreamRole.AlternatePlainPickle, contiguous: false, joblib: false);
        }

        _source.ContiguousFrames = false;
        _ = _source.MoveTo(end);
        return report;
    }

    private void AddAlternate(PickleStreamReport primary, List<PickleStreamReport> nested, long start, PickleStreamRole role,
        bool contiguous, bool joblib)
    {
        if (!_source.MoveTo(start))
        {
            return;
        }

        _source.ContiguousFrames = contiguous;
        var alternate = new StreamInterpreter(_source, _options, role, joblib, _cancellationToken).Run();
        _source.ContiguousFrames = false;
        var known = new HashSet<long>();
        foreach (var stream in nested.Prepend(primary))
        {
            known.UnionWith(stream.Imports.Select(static i => i.Offset));
            known.UnionWith(stream.Calls.Select(static c => c.Offset));
        }

        if (alternate.Imports.Any(i => !known.Contains(i.Offset)) || alternate.Calls.Any(c => !known.Contains(c.Offset)))
        {
            nested.Add(alternate);
        }
    }

    private static bool HasEvidenceBeforeProblem(PickleStreamReport report) =>
        report.Imports.Any(static i => !i.AfterProblem) || report.Calls.Any(static c => !c.AfterProblem)
        || (report.PersistentIdCount > 0 && report.OpcodesBeforeProblem > 1);

    private static bool IsLiteralTorchMagic(PickleStreamReport report, SymValue value) =>
        report.ImportCount == 0 && report.CallCount == 0
        && value.Ref is BigIntValue { LittleEndian: { } bytes } && new BigInteger(bytes) == TorchMagic;

    private static int Rank(PickleOutcome outcome) => outcome switch
    {
        PickleOutcome.Complete => 0,
        PickleOutcome.Truncated => 1,
        PickleOutcome.Malformed => 2,
        PickleOutcome.BudgetExceeded => 3,
        _ => 4,
    };
}
