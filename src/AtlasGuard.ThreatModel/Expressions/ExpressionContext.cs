namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>A host function: evaluated arguments in, a value out. It must not change shared state.</summary>
public delegate ExprValue ExpressionFunction(ReadOnlySpan<ExprValue> arguments);

/// <summary>
/// A ready-made <see cref="IExpressionContext"/> over a dictionary of roots and of functions. Fill it, then evaluate;
/// it is safe to read from several threads once no one changes it.
/// </summary>
public sealed class ExpressionContext : IExpressionContext
{
    private readonly Dictionary<string, ExprValue> _roots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExpressionFunction> _functions = new(StringComparer.Ordinal);

    /// <summary>Sets a root identifier.</summary>
    public ExpressionContext SetRoot(string name, ExprValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        _roots[name] = value;
        return this;
    }

    /// <summary>Registers a host function.</summary>
    public ExpressionContext SetFunction(string name, ExpressionFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(function);
        _functions[name] = function;
        return this;
    }

    /// <inheritdoc />
    public bool TryGetRoot(string name, out ExprValue value) => _roots.TryGetValue(name, out value);

    /// <inheritdoc />
    public bool TryCall(string name, ReadOnlySpan<ExprValue> arguments, out ExprValue result)
    {
        if (_functions.TryGetValue(name, out var function))
        {
            result = function(arguments);
            return true;
        }

        result = default;
        return false;
    }
}
