using System.Globalization;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.Pickle;

namespace AtlasGuard.Detectors.Models.Pickle;

/// <summary>
/// Turns what the pickle analyser saw into findings: dangerous calls and imports, unknown imports, calls
/// nobody can name, streams that break after suspicious content, and parser-differential tricks.
/// </summary>
internal sealed class PickleReportEvaluator(PicklePolicy policy)
{
    private const int MaxListedNames = 8;

    // Callables that call, or construct through, an argument: the argument counts as invoked.
    private static readonly Dictionary<string, int[]> Pivots = new(StringComparer.Ordinal)
    {
        ["torch._tensor._rebuild_from_type_v2"] = [0, 1],
        ["torch._tensor._rebuild_from_type"] = [0, 1],
        ["torch._utils._rebuild_wrapper_subclass"] = [0],
        ["copyreg._reconstructor"] = [0, 1],
        ["copy_reg._reconstructor"] = [0, 1],
        ["copyreg.__newobj__"] = [0],
        ["copyreg.__newobj_ex__"] = [0],
        ["numpy.core.multiarray._reconstruct"] = [0],
        ["numpy._core.multiarray._reconstruct"] = [0],
    };

    private static readonly HashSet<PickleOpcode> CallOpcodes =
        [PickleOpcode.Reduce, PickleOpcode.Inst, PickleOpcode.Obj, PickleOpcode.NewObj, PickleOpcode.NewObjEx];

    public void Evaluate(PickleFileReport report, ScanTarget target, IFindingSink sink, long baseOffset = 0)
    {
        var at = new Where(target.Location, baseOffset);
        var torchScript = target.Properties.TryGetValue(TargetProperties.ContainerFormat, out var format) && format == "torchscript";
        var streams = report.AllStreams.ToList();
        var imports = streams.SelectMany(s => s.Imports).ToList();
        var calls = streams.SelectMany(s => s.Calls).ToList();
        var pivoted = PivotArguments(calls);

        var suspiciousBefore = new List<long>();
        ReportImports(imports, calls, pivoted, torchScript, at, sink, suspiciousBefore);
        ReportUnresolvableCalls(calls, at, sink, suspiciousBefore);
        ReportAnomalies(streams, at, sink);
        ReportOutcome(report, streams, suspiciousBefore, at, sink);
    }

    private void ReportImports(List<PickleImport> imports, List<PickleCall> calls, HashSet<string> pivoted, bool torchScript,
        Where at, IFindingSink sink, List<long> suspicious)
    {
        var callsByName = calls.Where(c => c.Callee is not null && !c.AfterProblem && CallOpcodes.Contains(c.Opcode))
            .GroupBy(c => c.Callee!.FullName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Offset).First(), StringComparer.Ordinal);
        var unknown = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var group in imports.GroupBy(i => i.FullName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.OrderBy(i => i.Offset).First();
            if (!first.IsResolved)
            {
                suspicious.Add(first.Offset);
                sink.Report(ModelRules.CallsUnresolvable.CreateFinding(at.Offset(first.Offset),
                    $"Imports a callable whose name cannot be determined statically ({first.UnresolvedReason}).",
                    key: "unresolved:" + first.UnresolvedReason, evidence: $"{OpcodeNames.Of(first.Opcode)} at {at.Hex(first.Offset)}: {first}"));
                continue;
            }

            var verdict = policy.Classify(first.Module!, first.Name!, torchScript);
            if (verdict.Kind == GlobalKind.Safe)
            {
                continue;
            }

            suspicious.Add(first.Offset);
            if (verdict.Kind == GlobalKind.Unknown)
            {
                unknown.TryAdd(group.Key, first.Offset);
                continue;
            }

            if (callsByName.TryGetValue(group.Key, out var call))
            {
                sink.Report(ModelRules.CallsDangerous.CreateFinding(at.Offset(call.Offset),
                    $"Loading this file calls {group.Key}, which {verdict.Reason}.", key: group.Key,
                    evidence: $"calls {group.Key}({string.Join(", ", call.Arguments)}) with {OpcodeNames.Of(call.Opcode)} at {at.Hex(call.Offset)}"));
            }
            else if (group.Any(i => !i.AfterProblem && (PickleStreamReport.IsInvoked(i) || pivoted.Contains(i.FullName))))
            {
                sink.Report(ModelRules.CallsDangerous.CreateFinding(at.Offset(first.Offset),
                    $"Loading this file calls {group.Key}, which {verdict.Reason}.", key: group.Key,
                    evidence: $"{OpcodeNames.Of(first.Opcode)} {group.Key} at {at.Hex(first.Offset)}, called through another callable"));
            }
            else
            {
                var when = group.All(i => i.AfterProblem) ? " after the point where loading fails" : string.Empty;
                sink.Report(ModelRules.ImportsDangerous.CreateFinding(at.Offset(first.Offset),
                    $"Imports {group.Key}{when}, which {verdict.Reason}.", key: group.Key,
                    evidence: $"{OpcodeNames.Of(first.Opcode)} {group.Key} at {at.Hex(first.Offset)}"));
            }
        }

        if (unknown.Count > 0)
        {
            var names = unknown.Keys.ToList();
            var listed = string.Join(", ", names.Take(MaxListedNames)) + (names.Count > MaxListedNames ? $" (+{names.Count - MaxListedNames} more)" : "");
            sink.Report(ModelRules.ImportsUnknown.CreateFinding(at.Offset(unknown.Values.Min()),
                string.Create(CultureInfo.InvariantCulture, $"Imports {names.Count} callable(s) that are not known to be safe: {listed}."),
                key: string.Join("|", names), evidence: listed));
        }
    }

    private static void ReportUnresolvableCalls(List<PickleCall> calls, Where at, IFindingSink sink, List<long> suspicious)
    {
        foreach (var call in calls.Where(c => CallOpcodes.Contains(c.Opcode) && c.CalleeKind != PickleCalleeKind.Import)
                     .GroupBy(c => c.CalleeKind).Select(g => g.OrderBy(c => c.Offset).First()))
        {
            suspicious.Add(call.Offset);
            sink.Report(ModelRules.CallsUnresolvable.CreateFinding(at.Offset(call.Offset),
                $"Calls {call.CalleeDescription}, which cannot be named without running the file.", key: "call:" + call.CalleeKind,
                evidence: $"{OpcodeNames.Of(call.Opcode)} at {at.Hex(call.Offset)}: {call.CalleeDescription}({string.Join(", ", call.Arguments)})"));
        }
    }

    private static void ReportAnomalies(List<PickleStreamReport> streams, Where at, IFindingSink sink)
    {
        foreach (var group in streams.SelectMany(s => s.Anomalies).GroupBy(a => a.Kind).OrderBy(g => g.Key))
        {
            var severity = group.Key switch
            {
                PickleAnomalyKind.FrameOverrun or PickleAnomalyKind.NonCanonicalInt or PickleAnomalyKind.MisplacedProto
                    or PickleAnomalyKind.DuplicateProto or PickleAnomalyKind.SuspiciousName => Severity.High,
                PickleAnomalyKind.IrregularFrame or PickleAnomalyKind.StackNotEmptyAtStop
                    or PickleAnomalyKind.IrregularJoblibArray => Severity.Medium,

                // Python 2 pickled array data and byte strings this way; an import name built like this is SuspiciousName.
                PickleAnomalyKind.NonAsciiString => Severity.Low,
                _ => (Severity?)null,
            };
            if (severity is null)
            {
                continue;
            }

            var first = group.OrderBy(a => a.Offset).First();
            sink.Report(ModelRules.ParserDifferential.CreateFinding(at.Offset(first.Offset),
                $"{Describe(group.Key)} ({group.Count()} occurrence(s)).", key: group.Key.ToString(),
                evidence: $"{first.Detail} at {at.Hex(first.Offset)}", severity: severity));
        }
    }

    private static void ReportOutcome(PickleFileReport report, List<PickleStreamReport> streams, List<long> suspicious, Where at,
        IFindingSink sink)
    {
        foreach (var stream in streams.Where(s => s.Outcome != PickleOutcome.Complete && s.Role == PickleStreamRole.TopLevel
                     || s.Role == PickleStreamRole.JoblibObjectArray && s.Outcome != PickleOutcome.Complete))
        {
            var stop = stream.ProblemOffset >= 0 ? stream.ProblemOffset : stream.EndOffset;
            var why = stream.Problem ?? stream.Outcome.ToString();
            var suspiciousFirst = suspicious.Any(o => o < stop);
            RuleDescriptor rule = suspiciousFirst
                ? ModelRules.BrokenAfterSuspicious
                : stream.Outcome == PickleOutcome.BudgetExceeded ? ScanRules.AnalysisBudgetExceeded : ScanRules.ContentNotFullyRead;
            var message = stream.Outcome switch
            {
                PickleOutcome.Truncated => $"The pickle ends before its STOP instruction: {why}.",
                PickleOutcome.BudgetExceeded => $"Analysis stopped at the {stream.Budget} budget: {why}.",
                PickleOutcome.ReadError => $"Reading the pickle failed: {why}.",
                _ => $"The pickle is malformed: {why}.",
            };
            if (suspiciousFirst)
            {
                message += " Suspicious instructions come before this point and run before loading fails.";
            }

            sink.Report(rule.CreateFinding(at.Offset(stop), message, key: "outcome:" + stream.Outcome,
                evidence: string.Create(CultureInfo.InvariantCulture, $"stopped at {at.Hex(stop)} after {stream.OpcodesBeforeProblem} opcodes")));
            return;
        }

        if (report.Outcome == PickleOutcome.BudgetExceeded && streams.All(s => s.Outcome == PickleOutcome.Complete))
        {
            sink.Report(ScanRules.AnalysisBudgetExceeded.CreateFinding(at.Location,
                $"Analysis stopped at the {report.Budget} budget; the rest of the file was not analysed.", key: "file-budget"));
        }
    }

    private static HashSet<string> PivotArguments(List<PickleCall> calls)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            if (call.Callee is null || !CallOpcodes.Contains(call.Opcode) || !Pivots.TryGetValue(call.Callee.FullName, out var positions))
            {
                continue;
            }

            foreach (var p in positions)
            {
                if (p < call.Arguments.Count && LooksLikeImportName(call.Arguments[p]))
                {
                    result.Add(call.Arguments[p]);
                }
            }
        }

        return result;
    }

    private static bool LooksLikeImportName(string summary) =>
        summary.Length > 0 && (char.IsLetter(summary[0]) || summary[0] == '_') && summary.Contains('.', StringComparison.Ordinal)
        && !summary.Contains(' ', StringComparison.Ordinal) && !summary.Contains('(', StringComparison.Ordinal);

    private static string Describe(PickleAnomalyKind kind) => kind switch
    {
        PickleAnomalyKind.FrameOverrun => "An instruction runs past the end of its FRAME, so scanners and Python read different instructions",
        PickleAnomalyKind.NonCanonicalInt => "A number is written in a form only CPython's C unpickler accepts",
        PickleAnomalyKind.MisplacedProto => "A PROTO instruction appears in the middle of the stream",
        PickleAnomalyKind.DuplicateProto => "The stream declares its protocol more than once",
        PickleAnomalyKind.SuspiciousName => "An imported name is built to confuse scanners",
        PickleAnomalyKind.IrregularFrame => "FRAME instructions are laid out as no pickle writer lays them out",
        PickleAnomalyKind.StackNotEmptyAtStop => "Values are left on the stack at STOP, where they can hide calls",
        PickleAnomalyKind.NonAsciiString => "A Python 2 string holds bytes that are not ASCII, so it loads only with encoding='latin1' or 'bytes' and loaders read it differently (arrays pickled by Python 2 look like this)",
        PickleAnomalyKind.IrregularJoblibArray => "A joblib array is laid out inconsistently",
        _ => kind.ToString(),
    };

    /// <summary>Where findings go: offsets from the analyser plus the position of the pickle in its file.</summary>
    private readonly record struct Where(ArtifactLocation Location, long Base)
    {
        public ArtifactLocation Offset(long offset) => Location.AtOffset(offset + Base);

        public string Hex(long offset) => "0x" + (offset + Base).ToString("x", CultureInfo.InvariantCulture);
    }
}
