namespace AtlasGuard.ThreatModel.Expressions.Evaluation;

/// <summary>The language's equality, ordering and membership, with Missing operands giving unknown.</summary>
internal static class Operations
{
    /// <summary>How deeply nested lists and objects from the model may be compared; deeper data is an error, not a crash.</summary>
    private const int MaxCompareDepth = 64;

    /// <summary><c>==</c>: Bool, or Missing when an operand (or a list item compared) is Missing. Different kinds are unequal.</summary>
    public static ExprValue Equal(ExprValue left, ExprValue right, EvalState state, int position) =>
        Equal(left, right, state, position, 0);

    private static ExprValue Equal(ExprValue left, ExprValue right, EvalState state, int position, int depth)
    {
        if (left.IsMissing || right.IsMissing)
        {
            return MissingPaths.Combine(left, right);
        }

        if (left.Kind != right.Kind)
        {
            return ExprValue.False;
        }

        switch (left.Kind)
        {
            case ExprValueKind.Number:
                return ExprValue.Bool(left.AsNumber() == right.AsNumber());
            case ExprValueKind.String:
                return ExprValue.Bool(string.Equals(left.AsString(), right.AsString(), StringComparison.Ordinal));
            case ExprValueKind.List:
                return ListEqual(left, right, state, position, depth + 1);
            case ExprValueKind.Object:
                return ObjectEqual(left, right, state, position, depth + 1);
            default:
                return ExprValue.Bool(left.Equals(right));
        }
    }

    public static ExprValue Not(ExprValue value) => value.Kind == ExprValueKind.Bool ? ExprValue.Bool(!value.AsBool()) : value;

    /// <summary>Ordering of two numbers or two strings (ordinal); -1, 0 or 1.</summary>
    public static int Order(ExprValue left, ExprValue right, string operatorText, int position)
    {
        if (left.Kind == ExprValueKind.Number && right.Kind == ExprValueKind.Number)
        {
            return left.AsNumber().CompareTo(right.AsNumber());
        }

        if (left.Kind == ExprValueKind.String && right.Kind == ExprValueKind.String)
        {
            return Math.Sign(string.CompareOrdinal(left.AsString(), right.AsString()));
        }

        throw new ExpressionEvaluationException(
            $"'{operatorText}' needs two numbers or two strings, not a {ExprValue.KindName(left.Kind)} and a "
            + $"{ExprValue.KindName(right.Kind)}.",
            position);
    }

    /// <summary><c>item in collection</c>: list membership, substring, or object key.</summary>
    public static ExprValue In(ExprValue item, ExprValue collection, EvalState state, int position)
    {
        switch (collection.Kind)
        {
            case ExprValueKind.Missing:
                return MissingPaths.Combine(item, collection);
            case ExprValueKind.List:
                return ListContains(collection, item, state, position);
            case ExprValueKind.String when item.Kind == ExprValueKind.String:
                return ExprValue.Bool(collection.AsString().Contains(item.AsString(), StringComparison.Ordinal));
            case ExprValueKind.Object when item.Kind == ExprValueKind.String:
                return ExprValue.Bool(collection.TryGetMember(item.AsString(), out _));
            case ExprValueKind.String or ExprValueKind.Object when item.IsMissing:
                return item;
            case ExprValueKind.String or ExprValueKind.Object:
                throw new ExpressionEvaluationException(
                    $"'in' on a {ExprValue.KindName(collection.Kind)} needs a string on the left, not a "
                    + $"{ExprValue.KindName(item.Kind)}.",
                    position);
            default:
                throw new ExpressionEvaluationException(
                    $"'in' needs a list, a string or an object on the right, not a {ExprValue.KindName(collection.Kind)}.",
                    position);
        }
    }

    private static ExprValue ListContains(ExprValue list, ExprValue item, EvalState state, int position)
    {
        var count = list.ListCount;
        state.Steps(count, position);
        string[]? unknown = null;
        for (var i = 0; i < count; i++)
        {
            var equal = Equal(item, list.ListItem(i), state, position);
            if (equal.IsMissing)
            {
                unknown = MissingPaths.Union(unknown, equal.PathArray);
            }
            else if (equal.AsBool())
            {
                return ExprValue.True;
            }
        }

        return unknown is null ? ExprValue.False : ExprValue.MissingSorted(unknown);
    }

    private static ExprValue ListEqual(ExprValue left, ExprValue right, EvalState state, int position, int depth)
    {
        CheckDepth(depth, position);
        var count = left.ListCount;
        if (count != right.ListCount)
        {
            return ExprValue.False;
        }

        state.Steps(count, position);
        string[]? unknown = null;
        for (var i = 0; i < count; i++)
        {
            var equal = Equal(left.ListItem(i), right.ListItem(i), state, position, depth);
            if (equal.IsMissing)
            {
                unknown = MissingPaths.Union(unknown, equal.PathArray);
            }
            else if (!equal.AsBool())
            {
                return ExprValue.False;
            }
        }

        return unknown is null ? ExprValue.True : ExprValue.MissingSorted(unknown);
    }

    private static ExprValue ObjectEqual(ExprValue left, ExprValue right, EvalState state, int position, int depth)
    {
        CheckDepth(depth, position);
        var members = left.AsObject();
        if (members.Count != right.ObjectCount)
        {
            return ExprValue.False;
        }

        state.Steps(members.Count, position);
        string[]? unknown = null;
        foreach (var (name, value) in members)
        {
            if (!right.TryGetMember(name, out var other))
            {
                return ExprValue.False;
            }

            var equal = Equal(value, other, state, position, depth);
            if (equal.IsMissing)
            {
                unknown = MissingPaths.Union(unknown, equal.PathArray);
            }
            else if (!equal.AsBool())
            {
                return ExprValue.False;
            }
        }

        return unknown is null ? ExprValue.True : ExprValue.MissingSorted(unknown);
    }

    private static void CheckDepth(int depth, int position)
    {
        if (depth > MaxCompareDepth)
        {
            throw new ExpressionEvaluationException(
                $"The values nest more than {MaxCompareDepth} levels deep to be compared.", position);
        }
    }
}
