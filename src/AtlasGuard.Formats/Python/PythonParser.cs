using System.Collections.Frozen;
using System.Collections.Immutable;

namespace AtlasGuard.Formats.Python;

/// <summary>
/// A light, tolerant parser over <see cref="PythonTokenizer"/>'s tokens. In one pass it reads imports and their
/// aliases, call sites with their callee resolved through the aliases (and through simple re-bindings such as
/// <c>load = torch.load</c>), positional and keyword arguments with literal values, and simple assignments. A
/// logical line ends every call left open in it, so damage stays local. Work is linear in the tokens; nesting
/// beyond <see cref="MaxNesting"/> brackets is tracked but not analysed.
/// </summary>
public static class PythonParser
{
    /// <summary>Brackets deeper than this are counted, not analysed as calls.</summary>
    public const int MaxNesting = 100;

    /// <summary>At most this many arguments of one call are kept.</summary>
    public const int MaxArguments = 64;

    private static readonly FrozenSet<string> Keywords = new[]
    {
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
        "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
        "yield", "True", "False", "None",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Statements whose header ends with ':' and may be followed by a simple statement on the same line.
    private static readonly FrozenSet<string> Compound = new[]
    {
        "if", "elif", "else", "for", "while", "with", "try", "except", "finally", "def", "class", "async",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="source"/>.</summary>
    public static PythonModule Parse(string source, int maxTokens = PythonTokenizer.DefaultMaxTokens, CancellationToken cancellationToken = default)
    {
        var tokens = PythonTokenizer.Tokenize(source, out var truncated, maxTokens);
        var pass = new Pass(tokens, cancellationToken);
        pass.Run();
        return new PythonModule(tokens, pass.Imports.Imports.ToImmutable(), pass.Imports.Relative.ToImmutable(),
            [.. pass.Calls.Where(c => c.Built is not null).Select(c => c.Built!)], pass.Assignments.ToImmutable(), truncated);
    }

    private sealed class CallBuilder(string name, string resolved, int token, int scope)
    {
        private static readonly List<PythonArgument> None = [];
        private List<PythonArgument>? _arguments;

        public List<PythonArgument> Arguments => _arguments ?? None;

        public int ArgumentStart { get; set; }

        public bool Spread { get; set; }

        public PythonCallSite? Built { get; private set; }

        public void Add(PythonArgument argument) => (_arguments ??= []).Add(argument);

        public void Finish(List<PythonToken> tokens, int end)
        {
            Built = new PythonCallSite(name, resolved, tokens[token].Line, tokens[token].Column, token, [.. Arguments], Spread, end, scope);
        }
    }

    private sealed class Pass(List<PythonToken> tokens, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
        private readonly Stack<CallBuilder?> _frames = new();
        private Func<string, string> _resolve = static name => name;
        private int _scope;
        private int _definitions;
        private bool _compound;
        private (string Target, int Line, int Start)? _pending;

        public PythonImportReader Imports { get; private set; } = null!;

        public List<CallBuilder> Calls { get; } = [];

        public ImmutableArray<PythonAssignment>.Builder Assignments { get; } = ImmutableArray.CreateBuilder<PythonAssignment>();

        public void Run()
        {
            Imports = new PythonImportReader(tokens, _aliases);
            _resolve = Resolve;
            var statementStart = true;
            for (var i = 0; i < tokens.Count; i++)
            {
                if ((i & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var t = tokens[i];
                if (t.Kind == PythonTokenKind.Newline || (_frames.Count == 0 && t.Is(";")))
                {
                    EndStatement(i);
                    statementStart = true;
                    continue;
                }

                if (statementStart)
                {
                    statementStart = false;
                    _compound = Compound.Contains(t.Text);
                    if (StartStatement(ref i))
                    {
                        continue;
                    }
                }

                if (t.Kind == PythonTokenKind.Name)
                {
                    var end = PythonImportReader.DottedEnd(tokens, i);
                    if (end < tokens.Count && tokens[end].Is("(") && !Keywords.Contains(t.Text)
                        && (i == 0 || !(tokens[i - 1].Is(".") || tokens[i - 1].Is("def") || tokens[i - 1].Is("class"))))
                    {
                        var name = PythonImportReader.DottedName(tokens, i, end);
                        Open(name, Resolve(name), i, end);
                        i = end;
                    }
                    else
                    {
                        i = end - 1;
                    }
                }
                else if (t.Kind == PythonTokenKind.Operator)
                {
                    i = Punctuation(t, i);
                    if (_compound && _frames.Count == 0 && t.Is(":"))
                    {
                        statementStart = true;
                        _compound = false;
                    }
                }
            }

            EndStatement(tokens.Count);
        }

        // Import, def, or "target = value" at the start of a statement; returns true when the tokens were consumed.
        private bool StartStatement(ref int i)
        {
            var t = tokens[i];
            if (t.Is("import"))
            {
                i = Imports.ReadImport(i + 1);
                return true;
            }

            if (t.Is("from"))
            {
                i = Imports.ReadFrom(i + 1);
                return true;
            }

            if (t.Is("def"))
            {
                _scope = ++_definitions;
                return false;
            }

            if (t.Kind == PythonTokenKind.Name)
            {
                var end = PythonImportReader.DottedEnd(tokens, i);
                if (end + 1 < tokens.Count && tokens[end].Is("=") && !Keywords.Contains(t.Text))
                {
                    _pending = (PythonImportReader.DottedName(tokens, i, end), t.Line, end + 1);
                    i = end;
                    return true;
                }
            }

            return false;
        }

        private int Punctuation(PythonToken t, int i)
        {
            switch (t.Text.Length == 1 ? t.Text[0] : '\0')
            {
                case '(' or '[' or '{':
                    _frames.Push(null);
                    break;
                case ',' when _frames.TryPeek(out var call) && call is not null:
                    AddArgument(call, i);
                    call.ArgumentStart = i + 1;
                    break;
                case ')' or ']' or '}' when _frames.TryPop(out var closed):
                    if (closed is not null)
                    {
                        AddArgument(closed, i);
                        closed.Finish(tokens, i + 1);
                        return AfterCall(closed, i);
                    }

                    return t.Text[0] == '}' ? i : Chained(string.Empty, string.Empty, t.Text[0] == ')' ? "()" : "[]", i);
            }

            return i;
        }

        // After a call's ")": "as name" binds the call's result; ".attr(" calls a method of it.
        private int AfterCall(CallBuilder call, int close)
        {
            if (close + 2 < tokens.Count && tokens[close + 1].Is("as") && tokens[close + 2].Kind == PythonTokenKind.Name)
            {
                var value = new PythonArgument(null, PythonValueKind.Other, null, call.Built!.Token, close + 1);
                Assignments.Add(new PythonAssignment(tokens[close + 2].Text, tokens[close + 2].Line, call.Built.Token, close + 1, _scope, value));
                return close + 2;
            }

            return Chained(call.Built!.Name, call.Built.Resolved, "()", close);
        }

        // ")" or "]" followed by ".attr(": a call of a method of the value; names are built only then.
        private int Chained(string name, string resolved, string suffix, int close)
        {
            if (close + 2 < tokens.Count && tokens[close + 1].Is(".") && tokens[close + 2].Kind == PythonTokenKind.Name)
            {
                var end = PythonImportReader.DottedEnd(tokens, close + 2);
                if (end < tokens.Count && tokens[end].Is("("))
                {
                    var attribute = "." + PythonImportReader.DottedName(tokens, close + 2, end);
                    Open(name + suffix + attribute, resolved + suffix + attribute, close + 2, end);
                    return end;
                }

                return end - 1;
            }

            return close;
        }

        private void Open(string name, string resolved, int token, int parenthesis)
        {
            if (_frames.Count >= MaxNesting)
            {
                _frames.Push(null);
                return;
            }

            var call = new CallBuilder(name, resolved, token, _scope) { ArgumentStart = parenthesis + 1 };
            Calls.Add(call);
            _frames.Push(call);
        }

        private void AddArgument(CallBuilder call, int end)
        {
            if (call.Arguments.Count >= MaxArguments)
            {
                call.Spread = true;
                return;
            }

            if (PythonValues.Argument(tokens, call.ArgumentStart, end, _resolve) is { } argument)
            {
                call.Add(argument);
                call.Spread |= argument.Kind == PythonValueKind.Spread;
            }
        }

        private void EndStatement(int end)
        {
            while (_frames.TryPop(out var open))
            {
                if (open is not null)
                {
                    AddArgument(open, end);
                    open.Finish(tokens, end);
                }
            }

            if (_pending is { } pending && end > pending.Start)
            {
                var value = PythonValues.Value(tokens, pending.Start, end, _resolve);
                Assignments.Add(new PythonAssignment(pending.Target, pending.Line, pending.Start, end, _scope, value));
                if (value.Kind == PythonValueKind.Name && !pending.Target.Contains('.', StringComparison.Ordinal)
                    && value.Value!.Contains('.', StringComparison.Ordinal) && _aliases.ContainsKey(tokens[pending.Start].Text))
                {
                    _aliases[pending.Target] = value.Value; // load = torch.load
                }
            }

            _pending = null;
        }

        private string Resolve(string name)
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var head = dot < 0 ? name : name[..dot];
            return _aliases.TryGetValue(head, out var bound) ? bound + (dot < 0 ? string.Empty : name[dot..]) : name;
        }
    }
}
