namespace AtlasGuard.Formats.Python;

/// <summary>
/// A tolerant tokenizer for Python source following the lexical rules of the language reference: comments,
/// explicit and implicit line joining, string and bytes literals with their prefixes and triple quotes,
/// f-strings whose replacement fields hold nested strings of the same quote (Python 3.12), numbers with
/// underscores, exponents and imaginary suffixes, non-ASCII identifiers, and operators. Indentation is not
/// tracked. It never fails: an unterminated string ends at the end of its line (or of the input when triple
/// quoted), an unknown character becomes an <see cref="PythonTokenKind.Error"/> token, and an unclosed bracket
/// is given up at the next line that starts a definition or an import at the left margin, so it cannot swallow
/// the rest of a file. Output is capped at a given number of tokens; names and numbers are interned.
/// </summary>
public static class PythonTokenizer
{
    /// <summary>The default token cap.</summary>
    public const int DefaultMaxTokens = 2_000_000;

    /// <summary>String literals longer than this keep only their first characters (and are not literal values).</summary>
    public const int MaxStringTokenChars = 1 << 20;

    private const int InternSlots = 4096;

    // String literals up to this length (quotes and prefix included) go through the intern cache too: keys, modes, encodings repeat.
    private const int InternedStringChars = 32;

    // The intern cache outlives one call: it only maps text to an equal string, so what an earlier file left in it stays correct.
    [ThreadStatic]
    private static string?[]? t_names;

    /// <summary>Tokenizes <paramref name="source"/>; <paramref name="truncated"/> says whether the cap stopped it.</summary>
    public static List<PythonToken> Tokenize(string source, out bool truncated, int maxTokens = DefaultMaxTokens) =>
        Tokenize(source, out truncated, maxTokens, null);

    /// <summary>
    /// Tokenizes <paramref name="source"/> into <paramref name="into"/> (cleared first; a new list when null), so that a caller
    /// scanning many files can reuse one list instead of allocating a large one per file.
    /// </summary>
    public static List<PythonToken> Tokenize(string source, out bool truncated, int maxTokens, List<PythonToken>? into)
    {
        ArgumentNullException.ThrowIfNull(source);
        var expected = Math.Min((source.Length / 4) + 64, Math.Min(maxTokens, 1 << 18));
        if (into is null)
        {
            into = new List<PythonToken>(expected);
        }
        else
        {
            into.Clear();
            into.EnsureCapacity(expected);
        }

        var state = new TokenizerState(source, maxTokens, into);
        state.Run();
        truncated = state.Truncated;
        return state.Tokens;
    }

    private sealed class TokenizerState(string s, int maxTokens, List<PythonToken> tokens)
    {
        // A direct-mapped cache of recent names: identifiers repeat, so most names cost a hash and a compare, not an allocation.
        private readonly string?[] _names = t_names ??= new string?[InternSlots];
        private int _i;
        private int _line = 1;
        private int _lineStart;
        private int _depth;

        public List<PythonToken> Tokens { get; } = tokens;

        public bool Truncated { get; private set; }

        public void Run()
        {
            while (_i < s.Length)
            {
                if (Tokens.Count >= maxTokens)
                {
                    Truncated = true;
                    return;
                }

                var c = s[_i];
                if (c is ' ' or '\t' or '\f')
                {
                    var j = _i + 1;
                    while (j < s.Length && s[j] is ' ' or '\t' or '\f')
                    {
                        j++;
                    }

                    _i = j;
                }
                else if (char.IsAsciiLetter(c) || c == '_')
                {
                    // The common case first: a name, or a prefixed literal such as b'..' or rf"..". A prefix is at most
                    // two letters, so only a quote one or two characters on makes the prefix test worth its call.
                    if (QuoteWithinTwo(_i) && PythonLexical.StringPrefixLength(s, _i) is var letters and >= 0)
                    {
                        String(letters);
                    }
                    else
                    {
                        Name();
                    }
                }
                else if (c == '#')
                {
                    var end = s.AsSpan(_i).IndexOfAny('\n', '\r');
                    _i = end < 0 ? s.Length : _i + end;
                }
                else if (c is '\n' or '\r')
                {
                    EndOfLine();
                }
                else if (c == '\\' && _i + 1 < s.Length && s[_i + 1] is '\n' or '\r')
                {
                    _i += s[_i + 1] == '\r' && _i + 2 < s.Length && s[_i + 2] == '\n' ? 3 : 2;
                    NewLineAt(_i);
                }
                else if (PythonLexical.StringPrefixLength(s, _i) is var prefix and >= 0)
                {
                    String(prefix);
                }
                else if (PythonLexical.IsNameStart(s, _i))
                {
                    Name();
                }
                else if (char.IsAsciiDigit(c) || (c == '.' && _i + 1 < s.Length && char.IsAsciiDigit(s[_i + 1])))
                {
                    var start = _i;
                    _i = PythonLexical.SkipNumber(s, _i);
                    Tokens.Add(new PythonToken(PythonTokenKind.Number, Intern(s.AsSpan(start, _i - start)), _line, start - _lineStart + 1));
                }
                else
                {
                    Operator(c);
                }
            }
        }

        private bool QuoteWithinTwo(int i) =>
            (i + 1 < s.Length && s[i + 1] is '\'' or '"') || (i + 2 < s.Length && s[i + 2] is '\'' or '"');

        private void String(int prefix)
        {
            var start = _i;
            var (line, column) = (_line, _i - _lineStart + 1);
            var formatted = s.AsSpan(_i, prefix).ContainsAny('f', 'F') || s.AsSpan(_i, prefix).ContainsAny('t', 'T');
            _i = SkipString(_i + prefix, formatted, 0);
            var length = _i - start;
            var text = length > MaxStringTokenChars ? s.Substring(start, MaxStringTokenChars)
                : length <= InternedStringChars ? Intern(s.AsSpan(start, length)) : s.Substring(start, length);
            Tokens.Add(new PythonToken(PythonTokenKind.String, text, line, column));
        }

        private void Name()
        {
            var start = _i;
            var end = PythonLexical.SkipName(s, start);
            _i = end;
            Tokens.Add(new PythonToken(PythonTokenKind.Name, Intern(s.AsSpan(start, end - start)), _line, start - _lineStart + 1));
        }

        private string Intern(ReadOnlySpan<char> span)
        {
            var hash = (uint)span.Length;
            foreach (var c in span)
            {
                hash = (hash * 31) + c;
            }

            ref var slot = ref _names[(int)((hash ^ (hash >> 13)) & (InternSlots - 1))];
            if (slot is null || !span.SequenceEqual(slot))
            {
                slot = span.ToString();
            }

            return slot;
        }

        private void Operator(char c)
        {
            var column = _i - _lineStart + 1;
            var op = PythonLexical.Operator(s, _i);
            if (op is not null)
            {
                _i += op.Length;
                if (op.Length == 1)
                {
                    if (c is '(' or '[' or '{')
                    {
                        _depth++;
                    }
                    else if (c is ')' or ']' or '}')
                    {
                        _depth = Math.Max(0, _depth - 1);
                    }
                }

                Tokens.Add(new PythonToken(PythonTokenKind.Operator, op, _line, column));
                return;
            }

            // An unknown character: a lone surrogate, '$', '?', '`' or similar.
            _i++;
            Tokens.Add(new PythonToken(PythonTokenKind.Error, c.ToString(), _line, column));
        }

        private void EndOfLine()
        {
            var c = s[_i];
            var position = _i - _lineStart + 1;
            _i += c == '\r' && _i + 1 < s.Length && s[_i + 1] == '\n' ? 2 : 1;
            NewLineAt(_i);
            if (_depth > 0 && PythonLexical.StartsStatementAtMargin(s, _i))
            {
                _depth = 0; // An unclosed bracket: resynchronise at the definition or import that follows.
            }

            if (_depth == 0 && Tokens.Count > 0 && Tokens[^1].Kind != PythonTokenKind.Newline)
            {
                Tokens.Add(new PythonToken(PythonTokenKind.Newline, "\n", _line - 1, position));
            }
        }

        private void NewLineAt(int next)
        {
            _line++;
            _lineStart = next;
        }

        // Skips a literal whose opening quote is at i; replacement fields of f-strings are skipped with their nested strings.
        private int SkipString(int i, bool formatted, int nesting)
        {
            var quote = s[i];
            var triple = i + 2 < s.Length && s[i + 1] == quote && s[i + 2] == quote;
            i += triple ? 3 : 1;
            while (i < s.Length)
            {
                var c = s[i];
                if (c == '\\' && i + 1 < s.Length)
                {
                    if (s[i + 1] is '\n' or '\r')
                    {
                        i += s[i + 1] == '\r' && i + 2 < s.Length && s[i + 2] == '\n' ? 3 : 2;
                        NewLineAt(i);
                        continue;
                    }

                    i += 2;
                    continue;
                }

                if (c is '\n' or '\r')
                {
                    if (!triple)
                    {
                        return i; // An unterminated single-quoted string ends at the line's end.
                    }

                    i += c == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1;
                    NewLineAt(i);
                    continue;
                }

                if (c == quote && (!triple || (i + 2 < s.Length && s[i + 1] == quote && s[i + 2] == quote)))
                {
                    return i + (triple ? 3 : 1);
                }

                if (formatted && c == '{')
                {
                    if (i + 1 < s.Length && s[i + 1] == '{')
                    {
                        i += 2;
                        continue;
                    }

                    i = SkipReplacementField(i + 1, nesting);
                    continue;
                }

                i++;
            }

            return i;
        }

        // Inside "{...}" of an f-string: brackets nest, and strings (of any quote, PEP 701) are skipped whole.
        private int SkipReplacementField(int i, int nesting)
        {
            var depth = 1;
            while (i < s.Length && depth > 0)
            {
                var c = s[i];
                if (c is '\'' or '"' && nesting < PythonLexical.MaxFStringNesting)
                {
                    var prefixStart = i;
                    while (prefixStart > 0 && char.IsAsciiLetter(s[prefixStart - 1]) && i - prefixStart < 2)
                    {
                        prefixStart--;
                    }

                    var nestedFormatted = s.AsSpan(prefixStart, i - prefixStart).ContainsAny('f', 'F');
                    i = SkipString(i, nestedFormatted, nesting + 1);
                    continue;
                }

                if (c is '\n' or '\r')
                {
                    i += c == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1;
                    NewLineAt(i);
                    continue;
                }

                depth += c is '{' or '[' or '(' ? 1 : c is '}' or ']' or ')' ? -1 : 0;
                i++;
            }

            return i;
        }
    }
}
