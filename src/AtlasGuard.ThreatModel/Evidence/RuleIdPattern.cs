namespace AtlasGuard.ThreatModel.Evidence;

/// <summary>
/// A scan rule id or a pattern of them with <c>*</c> for any run of characters (<c>AG-SVC-*</c>, <c>AG-*-001</c>),
/// matched case-insensitively. Matching is linear in the id's length times the number of stars, never worse.
/// </summary>
public static class RuleIdPattern
{
    /// <summary>Whether <paramref name="ruleId"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string ruleId)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(ruleId);
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, ruleId, StringComparison.OrdinalIgnoreCase);
        }

        var text = ruleId.AsSpan();
        if (!text.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = text[at..].IndexOf(parts[i], StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            at += found + parts[i].Length;
        }

        var last = parts[^1];
        return text.Length - at >= last.Length && text[at..].EndsWith(last, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether any of <paramref name="patterns"/> matches <paramref name="ruleId"/>.</summary>
    public static bool IsMatchAny(IEnumerable<string> patterns, string ruleId)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        return patterns.Any(p => IsMatch(p, ruleId));
    }
}
