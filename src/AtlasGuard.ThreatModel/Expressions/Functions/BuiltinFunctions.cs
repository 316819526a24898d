using System.Collections.Frozen;
using AtlasGuard.ThreatModel.Expressions.Evaluation;
using AtlasGuard.ThreatModel.Expressions.Nodes;

namespace AtlasGuard.ThreatModel.Expressions.Functions;

/// <summary>The built-in functions. Each takes evaluated arguments; Missing arguments give Missing unless noted.</summary>
internal static class BuiltinFunctions
{
    public static FrozenDictionary<string, BuiltinFunction> All { get; } = new BuiltinFunction[]
    {
        new("len", 1, 1, Len),
        new("any", 1, 1, (args, call, state) => Fold(args[0], isAll: false, call, state)),
        new("all", 1, 1, (args, call, state) => Fold(args[0], isAll: true, call, state)),
        new("max", 1, int.MaxValue, (args, call, state) => Extreme(args, wantMax: true, call, state)),
        new("min", 1, int.MaxValue, (args, call, state) => Extreme(args, wantMax: false, call, state)),
        new("lower", 1, 1, Lower),
        new("contains", 2, 2, (args, call, state) => Operations.In(args[1], args[0], state, call.Position)),
        new("coalesce", 1, int.MaxValue, Coalesce),
        new("is_missing", 1, 1, (args, _, _) => ExprValue.Bool(args[0].IsMissing)),
        new("has", 1, 1, (args, _, _) => ExprValue.Bool(!args[0].IsMissing)),
    }.ToFrozenDictionary(function => function.Name, StringComparer.Ordinal);

    private static ExprValue Len(ExprValue[] args, CallNode call, EvalState state) => args[0].Kind switch
    {
        ExprValueKind.Missing => args[0],
        ExprValueKind.String => ExprValue.Number(args[0].AsString().Length),
        ExprValueKind.List => ExprValue.Number(args[0].ListCount),
        ExprValueKind.Object => ExprValue.Number(args[0].ObjectCount),
        _ => throw Wrong(call, "a list, a string or an object", args[0]),
    };

    private static ExprValue Lower(ExprValue[] args, CallNode call, EvalState state) => args[0].Kind switch
    {
        ExprValueKind.Missing => args[0],
        ExprValueKind.String => ExprValue.String(args[0].AsString().ToLowerInvariant()),
        _ => throw Wrong(call, "a string", args[0]),
    };

    /// <summary><c>any</c> and <c>all</c> over a list of booleans, with the same Kleene logic as <c>or</c> and <c>and</c>.</summary>
    private static ExprValue Fold(ExprValue list, bool isAll, CallNode call, EvalState state)
    {
        if (list.IsMissing)
        {
            return list;
        }

        if (list.Kind != ExprValueKind.List)
        {
            throw Wrong(call, "a list", list);
        }

        var count = list.ListCount;
        state.Steps(count, call.Position);
        string[]? unknown = null;
        for (var i = 0; i < count; i++)
        {
            var item = list.ListItem(i);
            if (item.IsMissing)
            {
                unknown = MissingPaths.Union(unknown, item.PathArray);
            }
            else if (item.Kind != ExprValueKind.Bool)
            {
                throw new ExpressionEvaluationException(
                    $"'{call.Name}' needs a list of booleans; item {i} is a {ExprValue.KindName(item.Kind)}.", call.Position);
            }
            else if (item.AsBool() != isAll)
            {
                return item;
            }
        }

        return unknown is null ? ExprValue.Bool(isAll) : ExprValue.MissingSorted(unknown);
    }

    /// <summary><c>max</c> and <c>min</c> of numbers or of strings: of the arguments, or of the one list argument.</summary>
    private static ExprValue Extreme(ExprValue[] args, bool wantMax, CallNode call, EvalState state)
    {
        if (args.Length == 1 && args[0].IsMissing)
        {
            return args[0];
        }

        var values = args.Length == 1 && args[0].Kind == ExprValueKind.List ? args[0].AsList() : args;
        if (values.Count == 0)
        {
            throw new ExpressionEvaluationException($"'{call.Name}' of an empty list.", call.Position);
        }

        state.Steps(values.Count, call.Position);
        string[]? unknown = null;
        ExprValue best = default;
        var operatorText = wantMax ? "max" : "min";
        foreach (var value in values)
        {
            if (value.IsMissing)
            {
                unknown = MissingPaths.Union(unknown, value.PathArray);
            }
            else if (value.Kind is not (ExprValueKind.Number or ExprValueKind.String))
            {
                throw Wrong(call, "numbers or strings", value);
            }
            else if (best.Kind == ExprValueKind.Missing
                || Operations.Order(value, best, operatorText, call.Position) == (wantMax ? 1 : -1))
            {
                best = value;
            }
        }

        return unknown is null ? best : ExprValue.MissingSorted(unknown);
    }

    /// <summary>The first argument that is neither Missing nor null: the explicit way to give a default. Missing only if all are.</summary>
    private static ExprValue Coalesce(ExprValue[] args, CallNode call, EvalState state)
    {
        string[]? unknown = null;
        foreach (var value in args)
        {
            if (value.IsMissing)
            {
                unknown = MissingPaths.Union(unknown, value.PathArray);
            }
            else if (value.Kind != ExprValueKind.Null)
            {
                return value;
            }
        }

        return unknown is null ? ExprValue.Null : ExprValue.MissingSorted(unknown);
    }

    private static ExpressionEvaluationException Wrong(CallNode call, string wanted, ExprValue got) =>
        new($"'{call.Name}' needs {wanted}, not a {ExprValue.KindName(got.Kind)}.", call.Position);
}
