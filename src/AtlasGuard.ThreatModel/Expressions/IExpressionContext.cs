namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>
/// What an expression can reach of the host: root identifiers and host functions, nothing else. One context usually
/// describes one (component, attacker) pair; the parsed expression is shared.
/// </summary>
public interface IExpressionContext
{
    /// <summary>
    /// Resolves a root identifier such as <c>props</c>, <c>model</c>, <c>attacker</c> or <c>self</c>. Return false for a
    /// name the host does not know (the evaluation then fails); return <see cref="ExprValue.Missing(string)"/> for a
    /// known name whose information the model lacks.
    /// </summary>
    bool TryGetRoot(string name, out ExprValue value);

    /// <summary>
    /// Calls a host function with evaluated arguments. Arguments may be Missing; a function that needs them should
    /// usually return a Missing value with their paths. Return false for a name the host does not know.
    /// Built-in functions (<c>len</c>, <c>any</c>, ...) are never passed here.
    /// </summary>
    bool TryCall(string name, ReadOnlySpan<ExprValue> arguments, out ExprValue result);
}
