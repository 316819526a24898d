using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

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
    public static PythonModule Parse(string source, int maxTokens = PythonTokenizer.DefaultMaxTokens, CancellationToken cancellationToken = default) =>
        Parse(source, null, maxTokens, cancellationToken);

    /// <summary>
    /// Parses <paramref name="source"/>, building call sites only for the calls <paramref name="filter"/> asks for (all when null);
    /// the other calls are still followed for brackets and arguments, so nothing else changes.
    /// </summary>
    public static PythonModule Parse(string source, PythonCallFilter? filter, int maxTokens = PythonTokenizer.DefaultMaxTokens,
        CancellationToken cancellationToken = default) =>
        Parse(source, filter, maxTokens, null, cancellationToken);

    /// <summary>
    /// Parses <paramref name="source"/> as <see cref="Parse(string, PythonCallFilter?, int, CancellationToken)"/> does, with the
    /// tokens written into <paramref name="tokenBuffer"/> (cleared first): the module's <see cref="PythonModule.Tokens"/> is that
    /// list, valid until the caller reuses it for the next parse.
    /// </summary>
    public static PythonModule Parse(string source, PythonCallFilter? filter, int maxTokens, List<PythonToken>? tokenBuffer,
        CancellationToken cancellationToken = default)
    {
        var tokens = PythonTokenizer.Tokenize(source, out var truncated, maxTokens, tokenBuffer);
        var pass = new Pass(tokens, filter, cancellationToken);
        pass.Run();
        return new PythonModule(tokens, pass.Imports.Imports.ToImmutable(), pass.Imports.Relative.ToImmutable(),
            pass.BuiltCalls(), pass.Assignments.ToImmutable(), truncated);
    }

    private sealed class CallBuilder(int token, int nameEnd, int scope, CallBuilder? inner, string? suffix, bool muted)
    {
        private static readonly List<PythonArgument> None = [];
        private List<PythonArgument>? _arguments;

        public int Token => token;

        public int NameEnd => nameEnd;

        public CallBuilder? Inner => inner;

        public string? Suffix => suffix;

        // A call the filter did not ask for: its arguments are only looked at for a wake-up keyword.
        public bool Muted => muted;

        public bool Woken { get; set; }

        public string? Name { get; set; }

        public string? Resolved { get; set; }

        public List<PythonArgument> Arguments => _arguments ?? None;

        public int ArgumentStart { get; set; }

        public bool Spread { get; set; }

        public PythonCallSite? Built { get; private set; }

        public void Add(PythonArgument argument) => (_arguments ??= []).Add(argument);

        public void Finish(List<PythonToken> tokens, int end)
        {
            Built = new PythonCallSite(Name!, Resolved!, tokens[token].Line, tokens[token].Column, token, [.. Arguments], Spread, end, scope);
        }
    }

    private sealed class Pass(List<PythonToken> tokens, PythonCallFilter? filter, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
        private readonly Stack<CallBuilder?> _frames = new();
        private Func<string, string> _resolve = static name => name;
        private int _scope;
        private int _definitions;
        private int _built;
        private bool _woken;
        private bool _compound;
        private (string Target, int Line, int Start)? _pending;

        public PythonImportReader Imports { get; private set; } = null!;

        public List<CallBuilder> Calls { get; } = [];

        public ImmutableArray<PythonAssignment>.Builder Assignments { get; } = ImmutableArray.CreateBuilder<PythonAssignment>();

        // The call sites in the order they were opened (the order of their first token), without the calls never built.
        public ImmutableArray<PythonCallSite> BuiltCalls()
        {
            if (_woken)
            {
                Calls.Sort(static (a, b) => a.Token.CompareTo(b.Token)); // Calls open at increasing, distinct tokens.
            }

            var built = ImmutableArray.CreateBuilder<PythonCallSite>(_built);
            foreach (var call in Calls)
            {
                if (call.Built is { } site)
                {
                    built.Add(site);
                }
            }

            return built.DrainToImmutable();
        }

        public void Run()
        {
            Imports = new PythonImportReader(tokens, _aliases);
            _resolve = Resolve;
            var statementStart = true;
            var span = CollectionsMarshal.AsSpan(tokens); // The list is not changed while it is read; the indexer would copy each token.
            for (var i = 0; i < tokens.Count; i++)
            {
                if ((i & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                ref readonly var t = ref span[i];
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
                    if (end < tokens.Count && span[end].Is("(") && !Keywords.Contains(t.Text)
                        && (i == 0 || !(span[i - 1].Is(".") || span[i - 1].Is("def") || span[i - 1].Is("class"))))
                    {
                        Open(i, end);
                        i = end;
                    }
                    else
                    {
                        i = end - 1;
                    }
                }
                else if (t.Kind == PythonTokenKind.Operator)
                {
                    i = Punctuation(in t, i);
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

        private int Punctuation(in PythonToken t, int i)
        {
            switch (t.Text.Length == 1 ? t.Text[0] : '\0')
            {
                case '(' or '[' or '{':
                    _frames.Push(null);
                    break;
                case ',' when _frames.TryPeek(out var call) && call is not null:
                    if (call.Muted)
                    {
                        WakeUp(call, i);
                    }
                    else
                    {
                        AddArgument(call, i);
                    }

                    call.ArgumentStart = i + 1;
                    break;
                case ')' or ']' or '}' when _frames.TryPop(out var closed):
                    if (closed is not null)
                    {
                        Close(closed, i, i + 1);
                        return AfterCall(closed, i);
                    }

                    return t.Text[0] == '}' ? i : Chained(null, t.Text[0] == ')' ? "()" : "[]", i);
            }

            return i;
        }

        // After a call's ")": "as name" binds the call's result; ".attr(" calls a method of it.
        private int AfterCall(CallBuilder call, int close)
        {
            if (close + 2 < tokens.Count && tokens[close + 1].Is("as") && tokens[close + 2].Kind == PythonTokenKind.Name)
            {
                var value = new PythonArgument(null, PythonValueKind.Other, null, call.Token, close + 1);
                Assignments.Add(new PythonAssignment(tokens[close + 2].Text, tokens[close + 2].Line, call.Token, close + 1, _scope, value));
                return close + 2;
            }

            return Chained(call, "()", close);
        }

        // ")" or "]" followed by ".attr(": a call of a method of the value.
        private int Chained(CallBuilder? inner, string suffix, int close)
        {
            if (close + 2 < tokens.Count && tokens[close + 1].Is(".") && tokens[close + 2].Kind == PythonTokenKind.Name)
            {
                var end = PythonImportReader.DottedEnd(tokens, close + 2);
                if (end < tokens.Count && tokens[end].Is("("))
                {
                    Open(close + 2, end, inner, suffix);
                    return end;
                }

                return end - 1;
            }

            return close;
        }

        private void Open(int token, int nameEnd, CallBuilder? inner = null, string? suffix = null)
        {
            if (_frames.Count >= MaxNesting)
            {
                _frames.Push(null);
                return;
            }

            var keep = filter is null || filter.KeepsName(tokens[nameEnd - 1].Text) || (suffix is null && KeepsImported(tokens[token].Text, nameEnd - token == 1));
            var call = new CallBuilder(token, nameEnd, _scope, inner, suffix, !keep) { ArgumentStart = nameEnd + 1 };
            if (keep)
            {
                Name(call);
            }

            if (keep)
            {
                Calls.Add(call); // A muted call joins the list only if a keyword wakes it (see Close).
            }

            _frames.Push(call);
        }

        // "sp.run" with sp = subprocess, "l(...)" with l = pickle.loads: the filter judges what the head was imported as.
        private bool KeepsImported(string head, bool bare)
        {
            if (!_aliases.TryGetValue(head, out var bound))
            {
                return filter!.KeepsModule(head);
            }

            var dot = bound.LastIndexOf('.');
            return filter!.KeepsModule(bound) || (bare && dot > 0 && filter.KeepsName(bound[(dot + 1)..]));
        }

        // The callee as written and resolved, built on demand (a chain builds its receiver's first).
        private string Name(CallBuilder call)
        {
            if (call.Name is null)
            {
                var written = PythonImportReader.DottedName(tokens, call.Token, call.NameEnd);
                if (call.Suffix is null)
                {
                    call.Name = written;
                    call.Resolved = Resolve(written);
                }
                else
                {
                    var inner = call.Inner is null ? string.Empty : Name(call.Inner);
                    call.Name = inner + call.Suffix + "." + written;
                    call.Resolved = (call.Inner?.Resolved ?? string.Empty) + call.Suffix + "." + written;
                }
            }

            return call.Name;
        }

        private void Close(CallBuilder call, int close, int end)
        {
            if (!call.Muted)
            {
                AddArgument(call, close);
                call.Finish(tokens, end);
                _built++;
                return;
            }

            WakeUp(call, close);
            if (call.Woken)
            {
                // Classify the arguments now: split [ArgumentStart of the first, close) at commas outside brackets.
                var depth = 0;
                var start = call.NameEnd + 1;
                for (var k = start; k < close; k++)
                {
                    var text = tokens[k].Text;
                    if (tokens[k].Kind != PythonTokenKind.Operator || text.Length != 1)
                    {
                        continue;
                    }

                    depth += text[0] is '(' or '[' or '{' ? 1 : text[0] is ')' or ']' or '}' ? -1 : 0;
                    if (depth == 0 && text[0] == ',')
                    {
                        call.ArgumentStart = start;
                        AddArgument(call, k);
                        start = k + 1;
                    }
                }

                call.ArgumentStart = start;
                AddArgument(call, close);
                Name(call);
                call.Finish(tokens, end);
                _built++;
                Calls.Add(call);
                _woken = true;
            }
        }

        private void WakeUp(CallBuilder call, int end)
        {
            var start = call.ArgumentStart;
            if (!call.Woken && end - start >= 2 && tokens[start].Kind == PythonTokenKind.Name && tokens[start + 1].Is("=") && filter!.Wakes(tokens[start].Text))
            {
                call.Woken = true;
            }
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
                    Close(open, end, end);
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
