using AtlasGuard.Formats.Pickle.Internal;

namespace AtlasGuard.Formats.Pickle;

/// <summary>Content sniffing for pickle data, including protocol 0/1 pickles, which have no magic bytes.</summary>
public static class PickleSniffer
{
    private static readonly PickleAnalysisOptions SniffOptions = new()
    {
        MaxErrorsAfterProblem = 0,
        AnalyzeAlternateReadings = false,
        RecognizeJoblibArrays = false,
        BufferSize = 4096,
        MaxRetainedStringLength = 256,
        Sniffing = true,
    };

    // What INT, LONG and FLOAT arguments are written with (decimal, hexadecimal, exponents, inf and nan, the L suffix).
    private static readonly System.Buffers.SearchValues<byte> NumberBytes = System.Buffers.SearchValues.Create("0123456789+-._eExXabcdefABCDEFLinIN "u8);

    /// <summary>
    /// True when <paramref name="head"/> (the first bytes of a file, a few KiB is plenty) starts a pickle: a PROTO
    /// opcode with a known protocol, or a protocol 0/1 pickle that passes a strict trial parse (valid opcodes with
    /// well-formed arguments, dotted-identifier GLOBAL/INST names, at least two opcodes, reaching STOP or the end of
    /// <paramref name="head"/> without error). Ordinary text, source code, JSON, CSV and random bytes give false.
    /// </summary>
    /// <param name="head">The first bytes of the candidate.</param>
    /// <returns>Whether the bytes look like a pickle.</returns>
    public static bool LooksLikePickle(ReadOnlySpan<byte> head)
    {
        if (head.Length < 2)
        {
            return false;
        }

        if (head[0] == (byte)PickleOpcode.Proto)
        {
            if (head[1] is >= 2 and <= 5)
            {
                return head.Length == 2 || OpcodeTable.IsValid(head[2]);
            }

            // PROTO 0 or 1 loads, but no pickler writes it, and 0x80 0x01 also starts every Type 1 font (PFB)
            // segment: such a head counts only if it passes the same trial parse as a protocol 0/1 pickle.
            if (head[1] > 1)
            {
                return false;
            }
        }
        else if (!OpcodeTable.IsValid(head[0]) || OpcodeTable.MinProtocol[head[0]] > 1)
        {
            return false;
        }

        using var stream = new MemoryStream(head.ToArray(), writable: false);
        var report = PickleAnalyzer.AnalyzeStream(stream, SniffOptions);

        // An "import" whose module holds a comma, '=', '/' or a space (a CSV line such as a wheel's RECORD read as
        // GLOBAL) cannot be found by Python's importer, so the load would stop there, and a "call" of it cannot run.
        var couldImport = report.Imports.Any(static i => CouldImport(i.Module) && CouldImport(i.Name));

        // A head that breaks after calling something Python could import is a pickle too: the unpickler runs every
        // instruction before the damage (cos / system / REDUCE, then garbage) and only then fails. An import alone is
        // not enough here: a list of words ("cat", "dog", "None", ...) reads as GLOBAL then NONE before it breaks.
        var accepted = report.Outcome == PickleOutcome.Complete
            || (report.Outcome == PickleOutcome.Truncated && report.OpcodesBeforeProblem >= 2 && CouldContinue(head, report.ProblemOffset))
            || (report.Outcome == PickleOutcome.Malformed && couldImport && report.CallCount > 0 && report.OpcodesBeforeProblem >= 2);

        // Odd forms make text more likely than a pickle (values left on the stack at STOP: "GIT v1.5" reads as
        // BINFLOAT, DUP, STOP), unless the head already imports something that could be imported, or calls something
        // it did not import (an extension code): then it is a pickle crafted with C-only forms to slip past sniffers,
        // and must be analysed.
        return accepted && report.OpcodeCount >= 2
            && (couldImport || (report.CallCount > 0 && report.ImportCount == 0)
                || !report.Anomalies.Any(static a => a.Kind is PickleAnomalyKind.SuspiciousName or PickleAnomalyKind.NonAsciiString
                    or PickleAnomalyKind.NonCanonicalInt or PickleAnomalyKind.OpcodeAboveProtocol or PickleAnomalyKind.StackNotEmptyAtStop));
    }

    /// <summary>
    /// Whether the argument line the head ends in could still become valid: minified JavaScript beginning
    /// "((global," reads as MARK, MARK and a GET whose memo key "lobal,factory)=>..." runs to the end of the head,
    /// and no number, memo key or module name looks like that.
    /// </summary>
    private static bool CouldContinue(ReadOnlySpan<byte> head, long problemOffset)
    {
        if (problemOffset < 0 || problemOffset >= head.Length)
        {
            return true;
        }

        var rest = head[((int)problemOffset + 1)..];
        if (rest.IsEmpty || rest.IndexOf((byte)'\n') >= 0)
        {
            return true; // Cut right at the opcode, or not an unterminated line: a length or a binary argument ran past the head.
        }

        return (char)head[(int)problemOffset] switch
        {
            'g' or 'p' => rest.Length <= 20 && rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0,
            'I' or 'L' or 'F' => rest.Length <= 64 && rest.IndexOfAnyExcept(NumberBytes) < 0,
            'c' or 'i' => rest.Length <= 256 && CouldImport(System.Text.Encoding.UTF8.GetString(rest)),
            'S' => rest.Length == 0 || rest[0] is (byte)'\'' or (byte)'"',
            _ => true,
        };
    }

    /// <summary>
    /// Whether a GLOBAL module or name could resolve: dot-separated parts of letters (any script), digits, '_' and
    /// '-' (<c>__import__</c> finds a file named <c>my-mod.py</c>). An unknown (null) operand counts as possible.
    /// </summary>
    private static bool CouldImport(string? text)
    {
        if (text is null)
        {
            return true;
        }

        foreach (var part in text.Split('.'))
        {
            if (part.Length == 0 || !part.All(static c => char.IsLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
