using AtlasGuard.ThreatModel.Expressions.Evaluation;

namespace AtlasGuard.ThreatModel.Expressions.Nodes;

/// <summary>
/// A node of the syntax tree. Nodes are immutable once built, so one parsed expression can be evaluated by many threads
/// at once; everything an evaluation changes lives in its <see cref="EvalState"/>.
/// </summary>
internal abstract class Node
{
    private static readonly Node[] NoChildren = [];

    protected Node(int position, int end, params Node[] children)
    {
        Position = position;
        End = end;
        Children = children.Length == 0 ? NoChildren : children;
        var height = 0;
        foreach (var child in children)
        {
            height = Math.Max(height, child.Height);
        }

        Height = height + 1;
    }

    /// <summary>0-based position of the node's first character (for operators: of the operator).</summary>
    public int Position { get; }

    /// <summary>Position just after the node's last character.</summary>
    public int End { get; }

    /// <summary>1 for a leaf; otherwise one more than the highest child. Bounded by ExpressionLimits.MaxDepth.</summary>
    public int Height { get; }

    public IReadOnlyList<Node> Children { get; }

    public abstract ExprValue Evaluate(EvalState state);

    protected static ExpressionEvaluationException Error(string message, int position) => new(message, position);

    protected static string KindOf(ExprValue value) => ExprValue.KindName(value.Kind);
}
