namespace AtlasGuard.ThreatModel.Expressions.Evaluation;

/// <summary>Unions of sorted, distinct path arrays, which is what Missing values carry.</summary>
internal static class MissingPaths
{
    public static string[] Union(string[]? left, string[] right)
    {
        if (left is null || left.Length == 0)
        {
            return right;
        }

        if (right.Length == 0 || ReferenceEquals(left, right))
        {
            return left;
        }

        var merged = new List<string>(left.Length + right.Length);
        int i = 0, j = 0;
        while (i < left.Length || j < right.Length)
        {
            var order = i == left.Length ? 1 : j == right.Length ? -1 : string.CompareOrdinal(left[i], right[j]);
            if (order <= 0)
            {
                merged.Add(left[i++]);
                j += order == 0 ? 1 : 0;
            }
            else
            {
                merged.Add(right[j++]);
            }
        }

        return [.. merged];
    }

    /// <summary>A Missing value for the paths of every Missing operand.</summary>
    public static ExprValue Combine(ExprValue left, ExprValue right) =>
        ExprValue.MissingSorted(Union(left.IsMissing ? left.PathArray : null, right.IsMissing ? right.PathArray : []));
}
