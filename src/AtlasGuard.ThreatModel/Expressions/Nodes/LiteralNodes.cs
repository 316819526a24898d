using AtlasGuard.ThreatModel.Expressions.Evaluation;

namespace AtlasGuard.ThreatModel.Expressions.Nodes;

/// <summary>A string, number, boolean or null literal, or a list literal whose items are all constant.</summary>
internal sealed class LiteralNode(int position, int end, ExprValue value) : Node(position, end)
{
    public ExprValue Value { get; } = value;

    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(Position);
        return Value;
    }
}

/// <summary>A list literal with at least one item that must be evaluated each time.</summary>
internal sealed class ListNode(int position, int end, Node[] items) : Node(position, end, items)
{
    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(Position);
        var values = new ExprValue[Children.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Children[i].Evaluate(state);
        }

        return ExprValue.List(values);
    }
}
