using AtlasGuard.ThreatModel.Expressions.Evaluation;

namespace AtlasGuard.ThreatModel.Expressions.Nodes;

/// <summary>A root identifier such as <c>props</c> or <c>self</c>, resolved by the host.</summary>
internal sealed class IdentifierNode(int position, int end, string name) : Node(position, end)
{
    public string Name { get; } = name;

    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(Position);
        return state.Context.TryGetRoot(Name, out var value)
            ? value
            : throw Error($"Unknown identifier '{Name}'.", Position);
    }
}

/// <summary>
/// <c>target.name</c>. <see cref="Path"/> is the full dotted path when the target is a plain path (so a missing member
/// reports <c>props.output.type</c>, not just <c>type</c>), otherwise the source text of the node.
/// </summary>
internal sealed class MemberNode(int position, int end, Node target, string name, string path, bool isPlainPath)
    : Node(position, end, target)
{
    public Node Target => Children[0];

    public string Name { get; } = name;

    public string Path { get; } = path;

    /// <summary>True when the whole node is identifiers joined by dots (what static analysis reports as a path).</summary>
    public bool IsPlainPath { get; } = isPlainPath;

    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(Position);
        var target = Target.Evaluate(state);
        switch (target.Kind)
        {
            case ExprValueKind.Object:
                return target.TryGetMember(Name, out var value) ? value : ExprValue.Missing(Path);
            case ExprValueKind.Missing:
                return IsPlainPath ? ExprValue.Missing(Path) : target;
            case ExprValueKind.Null:
                return ExprValue.Null;
            default:
                throw Error($"Cannot read member '{Name}' of a {KindOf(target)}.", Position);
        }
    }
}

/// <summary><c>target[index]</c>: a list item by a whole number from 0, or an object member by a string.</summary>
internal sealed class IndexNode(int position, int end, Node target, Node index, string path) : Node(position, end, target, index)
{
    public Node Target => Children[0];

    public Node Index => Children[1];

    public string Path { get; } = path;

    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(Position);
        var target = Target.Evaluate(state);
        var index = Index.Evaluate(state);
        if (target.IsMissing || index.IsMissing)
        {
            return MissingPaths.Combine(target, index);
        }

        switch (target.Kind)
        {
            case ExprValueKind.Null:
                return ExprValue.Null;
            case ExprValueKind.List when index.Kind == ExprValueKind.Number:
                var number = index.AsNumber();
                if (number < 0 || number != Math.Floor(number))
                {
                    throw Error($"A list index must be a whole number from 0, not {index}.", Index.Position);
                }

                return number < target.ListCount ? target.ListItem((int)number) : ExprValue.Missing(Path);
            case ExprValueKind.Object when index.Kind == ExprValueKind.String:
                return target.TryGetMember(index.AsString(), out var value) ? value : ExprValue.Missing(Path);
            case ExprValueKind.List or ExprValueKind.Object:
                throw Error($"Cannot index a {KindOf(target)} with a {KindOf(index)}.", Index.Position);
            default:
                throw Error($"Cannot index a {KindOf(target)}; only lists and objects have items.", Position);
        }
    }
}
