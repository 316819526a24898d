using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Formats.Python;

namespace AtlasGuard.Detectors.Code;

/// <summary>What a check found at a token of a parsed module, before it is placed in the file.</summary>
internal sealed record CodeHit(RuleDescriptor Rule, int Line, int Column, string Message, string Evidence, Severity? Severity = null);

/// <summary>Short, printable renderings of source for messages and evidence.</summary>
internal static class CodeText
{
    private const int MaxEvidence = 160;

    /// <summary>The tokens [start, end) joined back into compact source, cut at <see cref="MaxEvidence"/> characters.</summary>
    public static string Snippet(IReadOnlyList<PythonToken> tokens, int start, int end)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = start; i < end && i < tokens.Count && builder.Length < MaxEvidence; i++)
        {
            var t = tokens[i];
            if (t.Kind == PythonTokenKind.Newline)
            {
                break;
            }

            if (builder.Length > 0 && NeedsSpace(tokens[i - 1], t))
            {
                builder.Append(' ');
            }

            builder.Append(t.Text.Length > 60 ? t.Text[..57] + "..." : t.Text);
        }

        return builder.Length > MaxEvidence ? builder.ToString(0, MaxEvidence - 3) + "..." : builder.ToString();
    }

    /// <summary>The callee as written, with what it resolves to when an alias hides it: "l (pickle.loads)".</summary>
    public static string Callee(PythonCallSite call) =>
        call.Name == call.Resolved || call.Resolved.EndsWith("()." + call.Name, StringComparison.Ordinal) ? call.Name : $"{call.Name} ({call.Resolved})";

    /// <summary>The call's source text.</summary>
    public static string Snippet(IReadOnlyList<PythonToken> tokens, PythonCallSite call) => Snippet(tokens, call.Token, call.End);

    private static bool NeedsSpace(PythonToken previous, PythonToken current) =>
        previous.Is(",") || (previous.Kind is PythonTokenKind.Name or PythonTokenKind.Number && current.Kind is PythonTokenKind.Name or PythonTokenKind.Number or PythonTokenKind.String);
}
