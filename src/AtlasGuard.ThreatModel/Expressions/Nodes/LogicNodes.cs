using AtlasGuard.ThreatModel.Expressions.Evaluation;

namespace AtlasGuard.ThreatModel.Expressions.Nodes;

/// <summary>
/// <c>a and b and ...</c> (or <c>or</c>) with Kleene logic: one false operand (true for <c>or</c>) decides, whatever the
/// others are; otherwise any unknown operand makes the result unknown, reporting only those operands' paths.
/// Chains are one node, so a long chain does not deepen the tree.
/// </summary>
internal sealed class LogicNode(int position, int end, bool isAnd, Node[] operands) : Node(position, end, operands)
{
    public bool IsAnd { get; } = isAnd;

    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(Position);
        string[]? unknown = null;
        foreach (var operand in Children)
        {
            var value = operand.Evaluate(state);
            switch (value.Kind)
            {
                case ExprValueKind.Bool when value.AsBool() != IsAnd:
                    return value;
                case ExprValueKind.Bool:
                    break;
                case ExprValueKind.Missing:
                    unknown = MissingPaths.Union(unknown, value.PathArray);
                    break;
                default:
                    throw Error($"'{(IsAnd ? "and" : "or")}' needs booleans, not a {KindOf(value)}.", operand.Position);
            }
        }

        return unknown is null ? ExprValue.Bool(IsAnd) : ExprValue.MissingSorted(unknown);
    }
}

/// <summary><c>not a</c> or <c>!a</c>: unknown stays unknown.</summary>
internal sealed class NotNode(int position, int end, Node operand) : Node(position, end, operand)
{
    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(Position);
        var value = Children[0].Evaluate(state);
        return value.Kind switch
        {
            ExprValueKind.Bool => ExprValue.Bool(!value.AsBool()),
            ExprValueKind.Missing => value,
            _ => throw Error($"'not' needs a boolean, not a {KindOf(value)}.", Children[0].Position),
        };
    }
}

/// <summary>
/// <c>c ? a : b</c>. An unknown condition gives unknown, unless both branches are equal and known, in which case the
/// condition did not matter.
/// </summary>
internal sealed class ConditionalNode(int position, int end, Node condition, Node then, Node otherwise)
    : Node(position, end, condition, then, otherwise)
{
    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(Position);
        var condition = Children[0].Evaluate(state);
        switch (condition.Kind)
        {
            case ExprValueKind.Bool:
                return Children[condition.AsBool() ? 1 : 2].Evaluate(state);
            case ExprValueKind.Missing:
                var then = Children[1].Evaluate(state);
                var otherwise = Children[2].Evaluate(state);
                var same = Operations.Equal(then, otherwise, state, Position);
                if (same.Kind == ExprValueKind.Bool && same.AsBool())
                {
                    return then;
                }

                var paths = MissingPaths.Union(condition.PathArray, then.IsMissing ? then.PathArray : []);
                return ExprValue.MissingSorted(MissingPaths.Union(paths, otherwise.IsMissing ? otherwise.PathArray : []));
            default:
                throw Error($"The condition of '?' must be a boolean, not a {KindOf(condition)}.", Children[0].Position);
        }
    }
}
