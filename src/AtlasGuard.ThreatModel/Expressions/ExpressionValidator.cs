using AtlasGuard.Core.Text;
using AtlasGuard.ThreatModel.Expressions.Functions;

namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>Static checks of a parsed expression against an <see cref="ExpressionVocabulary"/>.</summary>
internal static class ExpressionValidator
{
    private static readonly Dictionary<string, string> KeywordLookalikes = new(StringComparer.Ordinal)
    {
        ["True"] = "true", ["TRUE"] = "true", ["False"] = "false", ["FALSE"] = "false",
        ["None"] = "null", ["NULL"] = "null", ["Null"] = "null", ["nil"] = "null",
    };

    public static List<ExpressionDiagnostic> Validate(Expression expression, ExpressionVocabulary vocabulary)
    {
        var diagnostics = new List<ExpressionDiagnostic>();
        foreach (var path in expression.Paths)
        {
            if (!vocabulary.IsKnownRoot(path.Root))
            {
                var hint = KeywordLookalikes.TryGetValue(path.Root, out var keyword)
                    ? $"did you mean '{keyword}'?"
                    : DidYouMean(path.Root, vocabulary.RootNames);
                diagnostics.Add(new(path.Position, $"Unknown identifier '{path.Root}'.", hint));
            }
            else if (!vocabulary.IsKnownPath(path.Path))
            {
                diagnostics.Add(new(
                    path.Position,
                    $"'{path.Path}' is not a property the schema defines.",
                    DidYouMean(path.Path, vocabulary.PathNames)));
            }
        }

        foreach (var call in expression.Functions)
        {
            if (BuiltinFunctions.All.TryGetValue(call.Name, out var builtin))
            {
                if (!builtin.Accepts(call.ArgumentCount))
                {
                    diagnostics.Add(new(call.Position, $"'{call.Name}' takes {builtin.Arity}, not {call.ArgumentCount}."));
                }
            }
            else if (!vocabulary.TryGetFunction(call.Name, out var arity))
            {
                diagnostics.Add(new(
                    call.Position, $"Unknown function '{call.Name}'.", DidYouMean(call.Name, vocabulary.FunctionNames)));
            }
            else if (call.ArgumentCount < arity.Min || call.ArgumentCount > arity.Max)
            {
                var wanted = arity.Min == arity.Max ? $"{arity.Min}" : $"{arity.Min} to {arity.Max}";
                diagnostics.Add(new(call.Position, $"'{call.Name}' takes {wanted} arguments, not {call.ArgumentCount}."));
            }
        }

        diagnostics.Sort((a, b) => a.Position.CompareTo(b.Position));
        return diagnostics;
    }

    /// <summary>The closest candidate within two edits (ties: the ordinally first), as a hint; null if none is close.</summary>
    private static string? DidYouMean(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            if (Math.Abs(candidate.Length - name.Length) >= bestDistance)
            {
                continue;
            }

            var distance = EditDistance.Compute(name, candidate, ignoreCase: false);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is null ? null : $"did you mean '{best}'?";
    }
}
