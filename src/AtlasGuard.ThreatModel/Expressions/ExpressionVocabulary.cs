using AtlasGuard.ThreatModel.Expressions.Functions;

namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>
/// What rule expressions may refer to: root identifiers, member paths under them, and host functions with their
/// arities. Fill it once (for example from the pipeline schema), then share it; it is not meant to change afterwards.
/// </summary>
public sealed class ExpressionVocabulary
{
    private readonly HashSet<string> _openRoots = new(StringComparer.Ordinal);
    private readonly HashSet<string> _closedRoots = new(StringComparer.Ordinal);
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _prefixes = new(StringComparer.Ordinal);
    private readonly List<string> _wildcards = [];
    private readonly Dictionary<string, (int Min, int Max)> _functions = new(StringComparer.Ordinal);

    /// <summary>A root whose members are not checked, such as <c>self</c> (a host handle) or free-form data.</summary>
    public ExpressionVocabulary AddRoot(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _openRoots.Add(name);
        return this;
    }

    /// <summary>
    /// A path the schema defines, such as <c>props.output.type</c>; its root and every prefix become known too. A path
    /// ending in <c>.*</c> (<c>attacker.capabilities.*</c>) allows anything under it.
    /// </summary>
    public ExpressionVocabulary AddPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.EndsWith(".*", StringComparison.Ordinal))
        {
            path = path[..^2];
            _wildcards.Add(path + ".");
        }

        _paths.Add(path);
        for (var dot = path.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = path.IndexOf('.', dot + 1))
        {
            _prefixes.Add(path[..dot]);
        }

        _closedRoots.Add(path.Split('.')[0]);
        return this;
    }

    /// <summary>A host function and how many arguments it takes.</summary>
    public ExpressionVocabulary AddFunction(string name, int minArguments, int maxArguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(minArguments);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArguments, minArguments);
        if (BuiltinFunctions.All.ContainsKey(name))
        {
            throw new ArgumentException($"'{name}' is a built-in function and cannot be replaced.", nameof(name));
        }

        _functions[name] = (minArguments, maxArguments);
        return this;
    }

    internal IEnumerable<string> RootNames => _openRoots.Concat(_closedRoots);

    internal IEnumerable<string> PathNames => _paths;

    internal IEnumerable<string> FunctionNames => _functions.Keys.Concat(BuiltinFunctions.All.Keys);

    internal bool IsKnownRoot(string name) => _openRoots.Contains(name) || _closedRoots.Contains(name);

    internal bool IsKnownPath(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || _openRoots.Contains(path[..dot]))
        {
            return true;
        }

        return _paths.Contains(path) || _prefixes.Contains(path)
            || _wildcards.Exists(prefix => path.StartsWith(prefix, StringComparison.Ordinal));
    }

    internal bool TryGetFunction(string name, out (int Min, int Max) arity) => _functions.TryGetValue(name, out arity);
}
