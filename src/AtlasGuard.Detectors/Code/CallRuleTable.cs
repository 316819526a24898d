using System.Collections.Immutable;
using System.Text.Json;
using AtlasGuard.Core.Findings;
using AtlasGuard.Formats.Python;

namespace AtlasGuard.Detectors.Code;

/// <summary>One condition on a call's argument, from <c>code-calls.json</c>.</summary>
internal sealed record ArgumentCondition(string Keyword, int Position, ImmutableArray<string> Is, bool Missing, bool NotLiteral)
{
    public bool Holds(PythonCallSite call)
    {
        var argument = call.Argument(Keyword, Position);
        if (Missing)
        {
            return argument is null && !call.Spread;
        }

        if (argument is null)
        {
            return false;
        }

        if (NotLiteral)
        {
            return argument.Kind is PythonValueKind.Name or PythonValueKind.Other;
        }

        return argument.Kind is PythonValueKind.Literal or PythonValueKind.Name && Is.Contains(argument.Value!, StringComparer.Ordinal);
    }
}

/// <summary>One row of <c>code-calls.json</c>: callees, conditions, and the rule they report.</summary>
internal sealed record CallRule(string RuleId, ImmutableArray<string> Callees, ImmutableArray<ArgumentCondition> When, string Why,
    Severity? Severity, ImmutableArray<string> Imports)
{
    public bool MatchesCallee(string resolved)
    {
        foreach (var pattern in Callees)
        {
            if (pattern == "*" || pattern == resolved
                || (pattern.StartsWith("*.", StringComparison.Ordinal) && (resolved.EndsWith(pattern.AsSpan(1), StringComparison.Ordinal) || resolved == pattern[2..]))
                || (pattern.EndsWith(".*", StringComparison.Ordinal) && resolved.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The data-driven code rules: a rule is reported for a call whose resolved callee matches and whose arguments
/// meet every condition. For each call and rule only the first matching row counts, so rows are ordered from
/// the most to the least severe.
/// </summary>
internal sealed class CallRuleTable
{
    private const string ResourceName = "AtlasGuard.Detectors.Rules.code-calls.json";
    private static readonly Lazy<CallRuleTable> Instance = new(Load);

    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byLastPart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byFirstPart = new(StringComparer.Ordinal);
    private static readonly List<int> Empty = [];
    private readonly List<int> _anyCall = [];

    private CallRuleTable(ImmutableArray<CallRule> rows)
    {
        Rows = rows;
        for (var i = 0; i < rows.Length; i++)
        {
            foreach (var pattern in rows[i].Callees.Distinct(StringComparer.Ordinal))
            {
                if (pattern == "*")
                {
                    _anyCall.Add(i);
                }
                else if (pattern.StartsWith("*.", StringComparison.Ordinal))
                {
                    Index(_byLastPart, pattern[2..], i);
                }
                else if (pattern.EndsWith(".*", StringComparison.Ordinal))
                {
                    Index(_byFirstPart, pattern[..pattern.IndexOf('.', StringComparison.Ordinal)], i);
                }
                else
                {
                    Index(_byName, pattern, i);
                }
            }
        }
    }

    public static CallRuleTable Default => Instance.Value;

    public ImmutableArray<CallRule> Rows { get; }

    /// <summary>Adds to <paramref name="matches"/> the rows that a call meets, at most one per rule.</summary>
    public void Match(PythonModule module, PythonCallSite call, List<CallRule> matches)
    {
        var hasKeywords = false;
        foreach (var argument in call.Arguments)
        {
            hasKeywords |= argument.Keyword is not null;
        }

        var candidates = Candidates(call.Resolved, hasKeywords);
        var first = matches.Count;
        foreach (var index in candidates)
        {
            var row = Rows[index];
            if (!row.MatchesCallee(call.Resolved) || Reported(matches, first, row.RuleId))
            {
                continue;
            }

            if (AllHold(row.When, call) && (row.Imports.IsEmpty || ImportsAny(module, row.Imports)))
            {
                matches.Add(row);
            }
        }
    }

    // Loops rather than LINQ: this runs for every kept call, and a lambda over the call would allocate each time.
    private static bool AllHold(ImmutableArray<ArgumentCondition> conditions, PythonCallSite call)
    {
        foreach (var condition in conditions)
        {
            if (!condition.Holds(call))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ImportsAny(PythonModule module, ImmutableArray<string> modules)
    {
        foreach (var name in modules)
        {
            if (module.ImportsModule(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Reported(List<CallRule> matches, int first, string ruleId)
    {
        for (var i = first; i < matches.Count; i++)
        {
            if (matches[i].RuleId == ruleId)
            {
                return true;
            }
        }

        return false;
    }

    // The rows whose callee patterns could match, in table order; "*" rows only for calls with keyword arguments.
    private List<int> Candidates(string resolved, bool hasKeywords)
    {
        var found = Empty;
        var lastDot = resolved.LastIndexOf('.');
        var firstDot = resolved.IndexOf('.', StringComparison.Ordinal);
        Add(ref found, _byName, resolved);
        Add(ref found, _byLastPart, lastDot < 0 ? resolved : resolved.AsSpan(lastDot + 1));
        if (firstDot > 0)
        {
            Add(ref found, _byFirstPart, resolved.AsSpan(0, firstDot));
        }

        if (found.Count == 0 && !hasKeywords)
        {
            return found;
        }

        found = found.Count == 0 ? [] : found;
        found.AddRange(_anyCall);
        if (found.Count > _anyCall.Count)
        {
            found.Sort();
        }

        return found;
    }

    private static void Add(ref List<int> found, Dictionary<string, List<int>> index, ReadOnlySpan<char> key)
    {
        if (index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var rows))
        {
            if (found.Count == 0)
            {
                found = [];
            }

            foreach (var row in rows)
            {
                if (!found.Contains(row))
                {
                    found.Add(row);
                }
            }
        }
    }

    private static void Index(Dictionary<string, List<int>> index, string key, int row)
    {
        if (!index.TryGetValue(key, out var rows))
        {
            index[key] = rows = [];
        }

        if (!rows.Contains(row))
        {
            rows.Add(row);
        }
    }

    private static CallRuleTable Load()
    {
        using var stream = typeof(CallRuleTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var document = JsonDocument.Parse(stream);
        var rows = ImmutableArray.CreateBuilder<CallRule>();
        foreach (var row in document.RootElement.GetProperty("calls").EnumerateArray())
        {
            var when = row.GetProperty("when").EnumerateArray().Select(c => new ArgumentCondition(
                c.GetProperty("keyword").GetString()!,
                c.TryGetProperty("position", out var p) ? p.GetInt32() : -1,
                c.TryGetProperty("is", out var values) ? [.. values.EnumerateArray().Select(v => v.GetString()!)] : [],
                c.TryGetProperty("missing", out var missing) && missing.GetBoolean(),
                c.TryGetProperty("notLiteral", out var notLiteral) && notLiteral.GetBoolean())).ToImmutableArray();
            Severity? severity = row.TryGetProperty("severity", out var s) && SeverityNames.TryParse(s.GetString(), out var parsed) ? parsed : null;
            rows.Add(new CallRule(row.GetProperty("rule").GetString()!, [.. row.GetProperty("callees").EnumerateArray().Select(c => c.GetString()!)],
                when, row.GetProperty("why").GetString()!, severity,
                row.TryGetProperty("imports", out var imports) ? [.. imports.EnumerateArray().Select(i => i.GetString()!)] : []));
        }

        return new CallRuleTable(rows.ToImmutable());
    }
}
