using System.Text;

namespace AtlasGuard.Formats.Numpy;

/// <summary>
/// A bounded parser for the Python literal subset NumPy writes in <c>.npy</c> headers: strings, integers
/// (with Python 2's <c>L</c> suffix), booleans, None, tuples, lists and dicts. Depth and item count are capped;
/// failures are reported as values, never thrown.
/// </summary>
internal ref struct PyLiteralParser
{
    private readonly ReadOnlySpan<char> _text;
    private readonly int _maxDepth;
    private readonly int _maxItems;
    private int _position;
    private int _items;

    public PyLiteralParser(ReadOnlySpan<char> text, int maxDepth = 32, int maxItems = 100_000)
    {
        _text = text;
        _maxDepth = maxDepth;
        _maxItems = maxItems;
    }

    /// <summary>Parses one literal that must be followed only by whitespace.</summary>
    public bool TryParse(out PyLiteral? value, out NpyHeaderErrorKind errorKind, out string? error, out int errorPosition)
    {
        value = null;
        errorKind = NpyHeaderErrorKind.Syntax;
        error = null;
        if (!TryValue(0, out var parsed, ref errorKind, ref error))
        {
            errorPosition = _position;
            return false;
        }

        SkipWhitespace();
        if (_position != _text.Length)
        {
            error = $"Unexpected '{Printable(_text[_position])}' after the header literal.";
            errorPosition = _position;
            return false;
        }

        errorPosition = -1;
        value = parsed;
        return true;
    }

    private bool TryValue(int depth, out PyLiteral? value, ref NpyHeaderErrorKind kind, ref string? error)
    {
        value = null;
        if (depth > _maxDepth)
        {
            kind = NpyHeaderErrorKind.TooComplex;
            error = $"The header nests deeper than {_maxDepth} levels.";
            return false;
        }

        if (++_items > _maxItems)
        {
            kind = NpyHeaderErrorKind.TooComplex;
            error = $"The header has more than {_maxItems} values.";
            return false;
        }

        SkipWhitespace();
        if (_position >= _text.Length)
        {
            error = "The header ends where a value was expected.";
            return false;
        }

        var c = _text[_position];
        switch (c)
        {
            case '{':
                return TryDict(depth, out value, ref kind, ref error);
            case '(':
                return TrySequence(depth, ')', true, out value, ref kind, ref error);
            case '[':
                return TrySequence(depth, ']', false, out value, ref kind, ref error);
            case '\'' or '"':
                return TryString(out value, ref error);
            case 'u' or 'U' or 'b' or 'B' when _position + 1 < _text.Length && _text[_position + 1] is '\'' or '"':
                _position++;
                return TryString(out value, ref error);
            case '-' or '+' or (>= '0' and <= '9'):
                return TryInt(out value, ref error);
            default:
                return TryKeyword(out value, ref error);
        }
    }

    private bool TryDict(int depth, out PyLiteral? value, ref NpyHeaderErrorKind kind, ref string? error)
    {
        value = null;
        _position++;
        var items = new List<KeyValuePair<PyLiteral, PyLiteral>>();
        while (true)
        {
            SkipWhitespace();
            if (_position >= _text.Length)
            {
                error = "The header dictionary is not closed.";
                return false;
            }

            if (_text[_position] == '}')
            {
                _position++;
                value = new PyDict(items);
                return true;
            }

            if (!TryValue(depth + 1, out var key, ref kind, ref error))
            {
                return false;
            }

            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != ':')
            {
                error = "Expected ':' after a dictionary key.";
                return false;
            }

            _position++;
            if (!TryValue(depth + 1, out var item, ref kind, ref error))
            {
                return false;
            }

            items.Add(new KeyValuePair<PyLiteral, PyLiteral>(key!, item!));
            if (!TrySeparator('}', ref error))
            {
                return false;
            }
        }
    }

    private bool TrySequence(int depth, char close, bool isTuple, out PyLiteral? value, ref NpyHeaderErrorKind kind, ref string? error)
    {
        value = null;
        _position++;
        var items = new List<PyLiteral>();
        var sawComma = false;
        while (true)
        {
            SkipWhitespace();
            if (_position >= _text.Length)
            {
                error = $"A {(isTuple ? "tuple" : "list")} is not closed.";
                return false;
            }

            if (_text[_position] == close)
            {
                _position++;

                // "(x)" is a parenthesised value, not a tuple.
                value = isTuple && items.Count == 1 && !sawComma ? items[0] : new PySequence(isTuple, items);
                return true;
            }

            if (!TryValue(depth + 1, out var item, ref kind, ref error))
            {
                return false;
            }

            items.Add(item!);
            SkipWhitespace();
            if (_position < _text.Length && _text[_position] == ',')
            {
                sawComma = true;
            }

            if (!TrySeparator(close, ref error))
            {
                return false;
            }
        }
    }

    private bool TrySeparator(char close, ref string? error)
    {
        SkipWhitespace();
        if (_position < _text.Length && _text[_position] == ',')
        {
            _position++;
            return true;
        }

        if (_position < _text.Length && _text[_position] == close)
        {
            return true;
        }

        error = _position >= _text.Length ? $"Expected ',' or '{close}' before the end of the header." : $"Expected ',' or '{close}'.";
        return false;
    }

    private bool TryString(out PyLiteral? value, ref string? error)
    {
        value = null;
        var quote = _text[_position++];
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == quote)
            {
                value = new PyString(builder.ToString());
                return true;
            }

            if (c is '\n' or '\r')
            {
                break;
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            var escaped = _text[_position++];
            switch (escaped)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case '0': builder.Append('\0'); break;
                case 'x' when TryHex(2, out var x): builder.Append((char)x); break;
                case 'u' when TryHex(4, out var u): builder.Append((char)u); break;
                case '\\' or '\'' or '"': builder.Append(escaped); break;
                default: builder.Append('\\').Append(escaped); break;
            }
        }

        error = "A string in the header is not terminated.";
        return false;
    }

    private bool TryHex(int digits, out int value)
    {
        value = 0;
        if (_position + digits > _text.Length)
        {
            return false;
        }

        for (var i = 0; i < digits; i++)
        {
            var d = _text[_position + i];
            var v = d is >= '0' and <= '9' ? d - '0' : d is >= 'a' and <= 'f' ? d - 'a' + 10 : d is >= 'A' and <= 'F' ? d - 'A' + 10 : -1;
            if (v < 0)
            {
                return false;
            }

            value = (value << 4) | v;
        }

        _position += digits;
        return true;
    }

    private bool TryInt(out PyLiteral? value, ref string? error)
    {
        value = null;
        var negative = false;
        if (_text[_position] is '-' or '+')
        {
            negative = _text[_position] == '-';
            _position++;
        }

        var start = _position;
        long result = 0;
        while (_position < _text.Length && _text[_position] is >= '0' and <= '9')
        {
            var digit = _text[_position] - '0';
            if (result > (long.MaxValue - digit) / 10)
            {
                error = "An integer in the header is out of range.";
                return false;
            }

            result = (result * 10) + digit;
            _position++;
        }

        if (_position == start)
        {
            error = "A sign in the header is not followed by digits.";
            return false;
        }

        if (_position < _text.Length && _text[_position] is 'L' or 'l')
        {
            _position++;
        }

        if (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '.' or '_'))
        {
            error = "Only integers are supported as numbers in the header.";
            return false;
        }

        value = new PyInt(negative ? -result : result);
        return true;
    }

    private bool TryKeyword(out PyLiteral? value, ref string? error)
    {
        value = null;
        var rest = _text[_position..];
        if (StartsWithWord(rest, "True"))
        {
            _position += 4;
            value = new PyBool(true);
            return true;
        }

        if (StartsWithWord(rest, "False"))
        {
            _position += 5;
            value = new PyBool(false);
            return true;
        }

        if (StartsWithWord(rest, "None"))
        {
            _position += 4;
            value = PyNone.Instance;
            return true;
        }

        error = $"Unexpected '{Printable(_text[_position])}' in the header.";
        return false;
    }

    private static bool StartsWithWord(ReadOnlySpan<char> text, string word) =>
        text.StartsWith(word, StringComparison.Ordinal) && (text.Length == word.Length || !char.IsAsciiLetterOrDigit(text[word.Length]));

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
        {
            _position++;
        }
    }

    private static string Printable(char c) => c is >= ' ' and < (char)0x7F ? c.ToString() : $"\\u{(int)c:x4}";
}
