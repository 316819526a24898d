using System.Collections.Immutable;

namespace AtlasGuard.Formats.Python;

/// <summary>What an argument's value is, as far as a reader of the source can tell without running it.</summary>
public enum PythonValueKind
{
    /// <summary>A literal: a string or bytes (not an f-string with fields), a number, True, False or None.</summary>
    Literal,

    /// <summary>A plain dotted name, resolved through the imports (e.g. "yaml.SafeLoader").</summary>
    Name,

    /// <summary>Anything else: an expression, a call, an f-string with fields, a subscript.</summary>
    Other,

    /// <summary>A <c>*args</c> or <c>**kwargs</c> spread: positions or keywords that cannot be known.</summary>
    Spread,
}

/// <summary>One argument of a call.</summary>
/// <param name="Keyword">The keyword (<c>name=</c>), or null for a positional argument or a spread.</param>
/// <param name="Kind">What the value is.</param>
/// <param name="Value">For a literal its value (string contents without quotes, "True", "42"); for a name the resolved dotted name; else null.</param>
/// <param name="Start">Index of the value's first token.</param>
/// <param name="End">Index after the value's last token.</param>
public sealed record PythonArgument(string? Keyword, PythonValueKind Kind, string? Value, int Start, int End)
{
    /// <summary>Whether this is the literal <paramref name="literal"/> (e.g. "True", "0.0.0.0").</summary>
    public bool IsLiteral(string literal) => Kind == PythonValueKind.Literal && Value == literal;
}

/// <summary>A call site with its callee and arguments.</summary>
/// <param name="Name">The callee as written, e.g. "T.load", or "gr.Interface().launch" for a call on a call's result.</param>
/// <param name="Resolved">The callee with its first component replaced by what it was imported or bound as, e.g. "torch.load".</param>
/// <param name="Line">One-based line of the callee's first token.</param>
/// <param name="Column">One-based column of the callee's first token.</param>
/// <param name="Token">Index of the callee's first token.</param>
/// <param name="Arguments">The arguments in source order (capped).</param>
/// <param name="Spread">Whether a <c>*args</c>/<c>**kwargs</c> spread, or the argument cap, leaves arguments unknown.</param>
/// <param name="End">Index after the closing parenthesis (or of the token where an unclosed call was given up).</param>
/// <param name="Scope">The function the call is in: 0 for module level, else the number of the enclosing <c>def</c> in source order.</param>
public sealed record PythonCallSite(string Name, string Resolved, int Line, int Column, int Token, ImmutableArray<PythonArgument> Arguments,
    bool Spread, int End, int Scope)
{
    /// <summary>The keyword argument <paramref name="keyword"/>, or else the positional argument at <paramref name="position"/> (-1: none).</summary>
    public PythonArgument? Argument(string keyword, int position = -1)
    {
        var index = 0;
        PythonArgument? positional = null;
        foreach (var argument in Arguments)
        {
            if (argument.Keyword == keyword)
            {
                return argument;
            }

            if (argument.Keyword is null && argument.Kind != PythonValueKind.Spread)
            {
                if (index == position)
                {
                    positional = argument;
                }

                index++;
            }
        }

        return positional;
    }
}

/// <summary>
/// A simple assignment <c>target = value</c> (or <c>with call() as target</c>) whose target is a dotted name.
/// </summary>
/// <param name="Target">The target as written, e.g. "answer" or "c.ServerApp.token".</param>
/// <param name="Line">One-based line of the target.</param>
/// <param name="Start">Index of the value's first token.</param>
/// <param name="End">Index after the value's last token.</param>
/// <param name="Scope">The function the assignment is in (see <see cref="PythonCallSite.Scope"/>).</param>
/// <param name="Value">The value when it is a single argument-like value (literal or dotted name).</param>
public sealed record PythonAssignment(string Target, int Line, int Start, int End, int Scope, PythonArgument Value);

/// <summary>A Python module as a light parser sees it: tokens, imports, calls with arguments, simple assignments.</summary>
/// <param name="Tokens">All tokens.</param>
/// <param name="Imports">Absolute imports in source order.</param>
/// <param name="RelativeImports">Relative imports in source order.</param>
/// <param name="Calls">Call sites in source order of their callee.</param>
/// <param name="Assignments">Simple assignments in source order.</param>
/// <param name="Truncated">Whether a cap stopped the analysis early.</param>
public sealed record PythonModule(IReadOnlyList<PythonToken> Tokens, ImmutableArray<PythonImport> Imports,
    ImmutableArray<PythonRelativeImport> RelativeImports, ImmutableArray<PythonCallSite> Calls, ImmutableArray<PythonAssignment> Assignments,
    bool Truncated)
{
    /// <summary>Whether the module imports <paramref name="module"/> or anything under it.</summary>
    public bool ImportsModule(string module) => Imports.Any(i =>
        i.Module == module || (i.Module.Length > module.Length && i.Module.StartsWith(module, StringComparison.Ordinal) && i.Module[module.Length] == '.'));
}
