using System.Collections.Frozen;
using AtlasGuard.Detectors.Repositories;
using AtlasGuard.Formats.Python;

namespace AtlasGuard.Detectors.Code;

/// <summary>
/// AG-COD-010, a light taint analysis: names assigned from an LLM call (or from an expression using such a name)
/// in the same function, passed to a call that evaluates code, runs a shell or a process (the categories of
/// <see cref="RiskyCallPolicy"/>) or executes SQL. Linear in the tokens; nothing beyond one module is followed.
/// </summary>
internal static class LlmOutputTaintCheck
{
    private static readonly FrozenSet<string> SourceMethods = new[]
    {
        "invoke", "ainvoke", "predict", "apredict", "generate_content", "chat", "complete", "acomplete", "completion", "acompletion",
        "predict_messages", "run_agent",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SinkCategories = new[] { "evaluates code", "runs a shell command", "starts a process" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SqlMethods = new[] { "execute", "executemany", "executescript", "exec_driver_sql", "read_sql", "read_sql_query" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] CodeKeywords = ["args", "cmd", "command", "source", "statement", "sql", "expr", "expression"];

    public static void Check(PythonModule module, List<CodeHit> hits)
    {
        var tokens = module.Tokens;
        Dictionary<int, PythonCallSite>? sources = null;
        foreach (var call in module.Calls)
        {
            if (IsSource(call))
            {
                (sources ??= []).Add(call.Token, call);
            }
        }

        if (sources is null)
        {
            return;
        }

        var tainted = new Dictionary<(int Scope, string Name), string>();
        foreach (var assignment in module.Assignments)
        {
            if (Origin(tokens, assignment.Start, assignment.End, assignment.Scope, sources, tainted) is { } origin)
            {
                tainted[(assignment.Scope, assignment.Target)] = origin;
            }
        }

        foreach (var call in module.Calls)
        {
            if (!IsSink(call))
            {
                continue;
            }

            // Only the code, command or statement itself: values bound as SQL parameters or passed as data are not executed.
            var code = call.Argument("__positional__", 0);
            foreach (var keyword in CodeKeywords)
            {
                code ??= call.Argument(keyword);
            }

            if (code is not null && Origin(tokens, code.Start, code.End, call.Scope, sources, tainted) is { } origin)
            {
                hits.Add(new CodeHit(CodeRules.LlmOutputExecuted, call.Line, call.Column,
                    $"{CodeText.Callee(call)}(...) receives text produced by a language model ({origin}).", CodeText.Snippet(tokens, call)));
            }
        }
    }

    // Where a value's taint comes from: a source call inside it, or a tainted name of the same function or of the module.
    private static string? Origin(IReadOnlyList<PythonToken> tokens, int start, int end, int scope,
        Dictionary<int, PythonCallSite> sources, Dictionary<(int, string), string> tainted)
    {
        for (var i = start; i < end && i < tokens.Count; i++)
        {
            if (sources.TryGetValue(i, out var source))
            {
                return $"{source.Name}(...) on line {source.Line}";
            }

            var t = tokens[i];
            if (t.Kind == PythonTokenKind.Name && (i == 0 || !tokens[i - 1].Is("."))
                && (tainted.TryGetValue((scope, t.Text), out var origin) || tainted.TryGetValue((0, t.Text), out origin)))
            {
                return $"{t.Text}, from {origin}";
            }
        }

        return null;
    }

    private static bool IsSource(PythonCallSite call)
    {
        var dot = call.Resolved.LastIndexOf('.');
        if (dot < 0)
        {
            return false;
        }

        var method = call.Resolved.AsSpan(dot + 1);
        return SourceMethods.GetAlternateLookup<ReadOnlySpan<char>>().Contains(method)
            || (method is "create" or "acreate" or "stream" && (call.Resolved.Contains("completions", StringComparison.Ordinal)
                || call.Resolved.Contains("messages", StringComparison.Ordinal) || call.Resolved.Contains("responses", StringComparison.Ordinal)))
            || (method is "generate" && !call.Resolved.StartsWith("torch.", StringComparison.Ordinal));
    }

    private static bool IsSink(PythonCallSite call)
    {
        if (RiskyCallPolicy.Default.Match(call.Resolved) is { } category && SinkCategories.Contains(category))
        {
            return true;
        }

        var dot = call.Resolved.LastIndexOf('.');
        return (dot > 0 && SqlMethods.GetAlternateLookup<ReadOnlySpan<char>>().Contains(call.Resolved.AsSpan(dot + 1))) || call.Resolved == "sqlalchemy.text";
    }
}
