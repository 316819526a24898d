using AtlasGuard.ThreatModel.Expressions.Evaluation;
using AtlasGuard.ThreatModel.Expressions.Functions;

namespace AtlasGuard.ThreatModel.Expressions.Nodes;

/// <summary><c>name(arguments)</c>: a built-in when <see cref="Builtin"/> is set, otherwise a host function.</summary>
internal sealed class CallNode(int position, int end, string name, Node[] arguments, BuiltinFunction? builtin)
    : Node(position, end, arguments)
{
    public string Name { get; } = name;

    public BuiltinFunction? Builtin { get; } = builtin;

    public override ExprValue Evaluate(EvalState state)
    {
        state.Step(Position);
        var arguments = new ExprValue[Children.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Children[i].Evaluate(state);
        }

        if (Builtin is not null)
        {
            if (!Builtin.Accepts(arguments.Length))
            {
                throw Error($"'{Name}' takes {Builtin.Arity}, not {arguments.Length}.", Position);
            }

            return Builtin.Body(arguments, this, state);
        }

        return state.Context.TryCall(Name, arguments, out var result)
            ? result
            : throw Error($"Unknown function '{Name}'.", Position);
    }
}
