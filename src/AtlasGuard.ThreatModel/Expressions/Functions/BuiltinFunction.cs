using AtlasGuard.ThreatModel.Expressions.Evaluation;
using AtlasGuard.ThreatModel.Expressions.Nodes;

namespace AtlasGuard.ThreatModel.Expressions.Functions;

internal delegate ExprValue BuiltinBody(ExprValue[] arguments, CallNode call, EvalState state);

/// <summary>A pure function of the language itself; hosts cannot replace it.</summary>
internal sealed record BuiltinFunction(string Name, int MinArguments, int MaxArguments, BuiltinBody Body)
{
    public bool Accepts(int count) => count >= MinArguments && count <= MaxArguments;

    /// <summary>"1 argument", "1 or more arguments", "2 arguments".</summary>
    public string Arity => (MinArguments, MaxArguments) switch
    {
        (1, 1) => "1 argument",
        (var min, int.MaxValue) => $"{min} or more arguments",
        (var min, var max) when min == max => $"{min} arguments",
        (var min, var max) => $"{min} to {max} arguments",
    };
}
