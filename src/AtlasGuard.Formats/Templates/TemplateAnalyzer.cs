using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace AtlasGuard.Formats.Templates;

/// <summary>
/// Finds the constructs of Jinja2 server-side template injection in a template's text, statically: dunder
/// attribute chains (<c>__class__.__mro__</c>, <c>__init__.__globals__</c>), the globals that payloads start from
/// (<c>cycler</c>, <c>joiner</c>, <c>lipsum</c>, <c>self._TemplateReference__context</c>), <c>|attr()</c> with dunder
/// strings, names assembled by concatenation, <c>|join</c>, <c>|reverse</c> or <c>%c</c> formatting, and escaped
/// underscores. Chat templates (loops over messages, <c>raise_exception</c>, <c>strftime_now</c>, <c>tojson</c>,
/// string methods) use none of these. The template is never rendered.
/// </summary>
public static partial class TemplateAnalyzer
{
    /// <summary>Default limit on tokens analysed (enough for templates of several megabytes).</summary>
    public const int DefaultMaxTokens = 2_000_000;

    private const int MaxConstructs = 64;

    private static readonly FrozenSet<string> EscapeDunders = FrozenSet.ToFrozenSet(
    [
        "__class__", "__mro__", "__subclasses__", "__globals__", "__builtins__", "__init__", "__import__", "__getattribute__",
        "__base__", "__bases__", "__dict__", "__code__", "__func__", "__self__", "__reduce__", "__reduce_ex__", "__loader__",
        "__spec__", "__getattr__", "__closure__", "__subclasshook__", "__new__", "__call__", "__module__", "__qualname__",
        "__traceback__", "__wrapped__", "__kwdefaults__", "__defaults__", "__setattr__", "__delattr__", "__getitem__",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> EscapeAttributes = FrozenSet.ToFrozenSet(
    [
        "_TemplateReference__context", "func_globals", "f_globals", "f_builtins", "f_locals", "f_back", "gi_frame", "gi_code",
        "cr_frame", "ag_frame", "tb_frame", "co_code", "im_func",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> DangerousAttributes = FrozenSet.ToFrozenSet(
    [
        "popen", "system", "os", "sys", "subprocess", "check_output", "check_call", "getoutput", "getstatusoutput", "run", "spawnv",
        "spawnl", "execv", "execve", "execl", "eval", "exec", "builtins", "modules", "importlib", "import_module", "load_module",
        "_module", "mro", "environment", "application", "globals", "shell",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> GadgetGlobals = FrozenSet.ToFrozenSet(
    [
        "lipsum", "self", "config", "request", "url_for", "get_flashed_messages", "os", "subprocess", "sys", "builtins", "importlib",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> GadgetGlobalsWhenDotted = FrozenSet.ToFrozenSet(["cycler", "joiner", "namespace", "range", "dict"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> DangerousCalls = FrozenSet.ToFrozenSet(
        ["eval", "exec", "open", "__import__", "getattr", "setattr", "compile", "globals", "locals", "vars", "breakpoint", "input", "execfile"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> LoadingStatements = FrozenSet.ToFrozenSet(["import", "include", "extends", "from"], StringComparer.Ordinal);

    /// <summary>Analyses <paramref name="template"/>.</summary>
    public static TemplateAnalysis Analyze(string template, int maxTokens = DefaultMaxTokens)
    {
        ArgumentNullException.ThrowIfNull(template);
        var tokens = TemplateLexer.Tokenize(template, maxTokens);
        var state = new State(template, tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            switch (tokens[i].Kind)
            {
                case TemplateTokenKind.Name:
                    AnalyzeName(state, i);
                    break;
                case TemplateTokenKind.String:
                    AnalyzeString(state, i);
                    break;
                case TemplateTokenKind.BlockStart:
                    state.Blocks++;
                    AnalyzeBlock(state, i);
                    break;
                default:
                    break;
            }
        }

        AnalyzeConcatenation(state);
        return new TemplateAnalysis
        {
            Constructs = [.. state.Found.OrderBy(c => c.Offset)],
            CodeBlocks = state.Blocks,
            Truncated = tokens.Count >= maxTokens,
        };
    }

    private static void AnalyzeName(State s, int i)
    {
        var t = s.Tokens[i];
        var prev = s.Op(i - 1);
        var next = s.Op(i + 1);
        var name = t.Text;
        if (prev == ".")
        {
            if (IsDunder(name))
            {
                s.Add(TemplateConstructKind.DunderAttribute, EscapeDunders.Contains(name) ? TemplateRisk.Escape : TemplateRisk.Suspicious, name, t.Offset);
            }
            else if (EscapeAttributes.Contains(name))
            {
                s.Add(TemplateConstructKind.DangerousAttribute, TemplateRisk.Escape, name, t.Offset);
            }
            else if (DangerousAttributes.Contains(name) || name.StartsWith('_'))
            {
                s.Add(TemplateConstructKind.DangerousAttribute, TemplateRisk.Suspicious, name, t.Offset);
            }

            return;
        }

        if (prev == "|")
        {
            AnalyzeFilter(s, i);
            return;
        }

        if (IsDunder(name))
        {
            s.Add(TemplateConstructKind.DunderAttribute, EscapeDunders.Contains(name) ? TemplateRisk.Escape : TemplateRisk.Suspicious, name, t.Offset);
        }
        else if (name.Contains("_TemplateReference__context", StringComparison.Ordinal))
        {
            s.Add(TemplateConstructKind.DangerousAttribute, TemplateRisk.Escape, name, t.Offset);
        }
        else if (DangerousCalls.Contains(name) && next == "(")
        {
            s.Add(TemplateConstructKind.DangerousCall, TemplateRisk.Suspicious, name + "(", t.Offset);
        }
        else if (GadgetGlobals.Contains(name) || (GadgetGlobalsWhenDotted.Contains(name) && next is "." or "["))
        {
            s.Add(TemplateConstructKind.GadgetGlobal, TemplateRisk.Suspicious, name, t.Offset);
        }
    }

    private static void AnalyzeFilter(State s, int i)
    {
        var t = s.Tokens[i];
        switch (t.Text)
        {
            case "attr":
                s.Add(TemplateConstructKind.AttrFilter, TemplateRisk.Suspicious, "attr", t.Offset);
                break;
            case "string" when s.Op(i + 1) == "[" || (s.Op(i + 1) == ")" && s.Op(i + 2) == "[")
                || (s.Op(i + 1) == "|" && s.Tokens.ElementAtOrDefault(i + 2).Text == "list"):
                s.Add(TemplateConstructKind.ConstructedName, TemplateRisk.Suspicious, "string-indexing", t.Offset);
                break;
            default:
                break;
        }
    }

    private static void AnalyzeString(State s, int i)
    {
        var t = s.Tokens[i];
        var value = t.Value;
        foreach (Match m in DunderPattern().Matches(value))
        {
            s.Add(TemplateConstructKind.DunderString, EscapeDunders.Contains(m.Value) ? TemplateRisk.Escape : TemplateRisk.Suspicious, m.Value, t.Offset);
        }

        foreach (var a in EscapeAttributes.Where(a => value.Contains(a, StringComparison.Ordinal)))
        {
            s.Add(TemplateConstructKind.DangerousAttribute, TemplateRisk.Escape, a, t.Offset);
        }

        var reversed = Reverse(value);
        foreach (Match m in DunderPattern().Matches(reversed))
        {
            if (EscapeDunders.Contains(m.Value))
            {
                s.Add(TemplateConstructKind.ConstructedName, TemplateRisk.Escape, m.Value, t.Offset);
            }
        }

        var usedAsName = s.Op(i - 1) == "[" || (s.Op(i - 1) == "(" && s.Tokens.ElementAtOrDefault(i - 2).Text is "attr" or "getattr");
        if (usedAsName && DangerousAttributes.Contains(value))
        {
            s.Add(TemplateConstructKind.DangerousAttribute, TemplateRisk.Suspicious, value, t.Offset);
        }

        if (t.HasIdentifierEscape)
        {
            s.Add(TemplateConstructKind.EscapedIdentifierCharacter, TemplateRisk.Suspicious, Printable(t.Text, 40), t.Offset);
        }
    }

    private static void AnalyzeBlock(State s, int start)
    {
        var end = start + 1;
        while (end < s.Tokens.Count && s.Tokens[end].Kind != TemplateTokenKind.BlockEnd)
        {
            end++;
        }

        var first = s.Tokens.ElementAtOrDefault(start + 1);
        if (s.Tokens[start].Text == "{%" && first.Kind == TemplateTokenKind.Name && LoadingStatements.Contains(first.Text))
        {
            s.Add(TemplateConstructKind.TemplateLoading, TemplateRisk.Suspicious, first.Text, first.Offset);
        }

        // '%c%c'|format(95, 95, ...) or '%c' % 95: character codes turned into text.
        var hasCharFormat = false;
        var codes = new StringBuilder();
        for (var k = start + 1; k < end; k++)
        {
            var t = s.Tokens[k];
            if (t.Kind == TemplateTokenKind.String && t.Value.Contains("%c", StringComparison.Ordinal))
            {
                hasCharFormat = true;
            }
            else if (t.Kind == TemplateTokenKind.Number && int.TryParse(t.Text, out var code) && code is > 0 and < 0x110000 and not (>= 0xD800 and <= 0xDFFF))
            {
                codes.Append(char.ConvertFromUtf32(code));
            }
        }

        if (hasCharFormat && codes.Length > 0)
        {
            var text = codes.ToString();
            var dunder = DunderPattern().Matches(text).FirstOrDefault(m => EscapeDunders.Contains(m.Value));
            if (dunder is not null)
            {
                s.Add(TemplateConstructKind.ConstructedName, TemplateRisk.Escape, dunder.Value, s.Tokens[start].Offset);
            }
            else if (text.Contains('_', StringComparison.Ordinal))
            {
                s.Add(TemplateConstructKind.CharacterCodeFormatting, TemplateRisk.Suspicious, "%c", s.Tokens[start].Offset);
            }
        }
    }

    private static void AnalyzeConcatenation(State s)
    {
        // Every string literal (and keyword-argument name such as dict(__cla=1)) in template order, joined: names
        // split across literals only appear here.
        var joined = new StringBuilder();
        var starts = new List<(int Position, int Offset)>();
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            var t = s.Tokens[i];
            var piece = t.Kind switch
            {
                TemplateTokenKind.String => t.Value,
                TemplateTokenKind.Name when s.Op(i + 1) == "=" && s.Op(i - 1) is "(" or "," && t.Text.Contains('_', StringComparison.Ordinal) => t.Text,
                _ => null,
            };
            if (piece is { Length: > 0 } && piece.Length < 4096)
            {
                starts.Add((joined.Length, t.Offset));
                joined.Append(piece);
            }
        }

        var text = joined.ToString();
        foreach (var candidate in new[] { text, Reverse(text) })
        {
            foreach (Match m in DunderPattern().Matches(candidate))
            {
                if (EscapeDunders.Contains(m.Value) && !s.Found.Any(f => f.Name == m.Value))
                {
                    var offset = candidate == text ? starts.LastOrDefault(p => p.Position <= m.Index).Offset : starts.FirstOrDefault().Offset;
                    s.Add(TemplateConstructKind.ConstructedName, TemplateRisk.Escape, m.Value, offset);
                }
            }
        }
    }

    private static bool IsDunder(string name) => name.Length > 4 && name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal);

    private static string Reverse(string value)
    {
        var chars = value.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    internal static string Printable(string text, int max)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max) + 1);
        foreach (var c in text)
        {
            if (sb.Length >= max)
            {
                sb.Append('…');
                break;
            }

            sb.Append(char.IsControl(c) || char.IsSurrogate(c) ? ' ' : c);
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"__[A-Za-z][A-Za-z0-9_]*?__")]
    private static partial Regex DunderPattern();

    private sealed class State(string template, List<TemplateToken> tokens)
    {
        private readonly HashSet<(TemplateConstructKind, string)> _seen = [];
        private List<int>? _lineStarts;

        public List<TemplateToken> Tokens { get; } = tokens;

        public List<TemplateConstruct> Found { get; } = [];

        public int Blocks { get; set; }

        public string? Op(int i) => i >= 0 && i < Tokens.Count && Tokens[i].Kind == TemplateTokenKind.Operator ? Tokens[i].Text : null;

        public void Add(TemplateConstructKind kind, TemplateRisk risk, string name, int offset)
        {
            if (Found.Count >= MaxConstructs || !_seen.Add((kind, name)))
            {
                return;
            }

            var line = LineOf(offset);
            Found.Add(new TemplateConstruct(kind, risk, name, offset, line, Excerpt(offset)));
        }

        private int LineOf(int offset)
        {
            // Line starts are computed once; a multi-megabyte template with many constructs stays linear.
            if (_lineStarts is null)
            {
                _lineStarts = [0];
                for (var k = 0; k < template.Length; k++)
                {
                    if (template[k] == '\n')
                    {
                        _lineStarts.Add(k + 1);
                    }
                }
            }

            var index = _lineStarts.BinarySearch(Math.Clamp(offset, 0, template.Length));
            return (index >= 0 ? index : ~index - 1) + 1;
        }

        private string Excerpt(int offset)
        {
            // The enclosing block, from its opening delimiter, cut to about 100 characters around the construct.
            var at = Math.Clamp(offset, 0, Math.Max(0, template.Length - 1));
            var window = Math.Min(at + 1, 60);
            var blockStart = template.Length == 0 ? -1 : Math.Max(template.LastIndexOf("{{", at, window, StringComparison.Ordinal),
                template.LastIndexOf("{%", at, window, StringComparison.Ordinal));
            var from = blockStart >= 0 && offset - blockStart < 60 ? blockStart : Math.Max(0, offset - 40);
            var length = Math.Min(100, template.Length - from);
            return Printable(template.Substring(from, length), 100);
        }
    }
}
