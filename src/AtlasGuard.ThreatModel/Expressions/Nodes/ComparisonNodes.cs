using AtlasGuard.ThreatModel.Expressions.Evaluation;

namespace AtlasGuard.ThreatModel.Expressions.Nodes;

internal enum CompareOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>A comparison; a Missing operand makes it unknown. Position is the operator's.</summary>
internal sealed class CompareNode(int position, int end, CompareOperator op, Node left, Node right)
    : Node(left.Position, end, left, right)
{
    public CompareOperator Operator { get; } = op;

    public int OperatorPosition { get; } = position;

    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(OperatorPosition);
        var left = Children[0].Evaluate(state);
        var right = Children[1].Evaluate(state);
        if (left.IsMissing || right.IsMissing)
        {
            return MissingPaths.Combine(left, right);
        }

        return Operator switch
        {
            CompareOperator.Equal => Operations.Equal(left, right, state, OperatorPosition),
            CompareOperator.NotEqual => Operations.Not(Operations.Equal(left, right, state, OperatorPosition)),
            CompareOperator.Less => ExprValue.Bool(Operations.Order(left, right, "<", OperatorPosition) < 0),
            CompareOperator.LessOrEqual => ExprValue.Bool(Operations.Order(left, right, "<=", OperatorPosition) <= 0),
            CompareOperator.Greater => ExprValue.Bool(Operations.Order(left, right, ">", OperatorPosition) > 0),
            _ => ExprValue.Bool(Operations.Order(left, right, ">=", OperatorPosition) >= 0),
        };
    }
}

/// <summary><c>item in collection</c> or <c>item not in collection</c>. Position is the operator's.</summary>
internal sealed class InNode(int position, int end, bool negated, Node item, Node collection)
    : Node(item.Position, end, item, collection)
{
    public bool Negated { get; } = negated;

    public int OperatorPosition { get; } = position;

    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(OperatorPosition);
        var item = Children[0].Evaluate(state);
        var collection = Children[1].Evaluate(state);
        var result = Operations.In(item, collection, state, OperatorPosition);
        return Negated ? Operations.Not(result) : result;
    }
}

/// <summary><c>-a</c> for a number.</summary>
internal sealed class NegateNode(int position, int end, Node operand) : Node(position, end, operand)
{
    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(Position);
        var value = Children[0].Evaluate(state);
        return value.Kind switch
        {
            ExprValueKind.Number => ExprValue.Number(-value.AsNumber()),
            ExprValueKind.Missing => value,
            _ => throw Error($"'-' needs a number, not a {KindOf(value)}.", Children[0].Position),
        };
    }
}
