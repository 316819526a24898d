using System.Globalization;
using System.Text;

namespace AtlasGuard.ThreatModel.Expressions.Parsing;

/// <summary>Turns expression text into tokens, all at once; the text is already bounded in length.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, text.Length, 0));
                return tokens;
            }

            var token = Next(text, i);
            tokens.Add(token);
            i = token.End;
        }
    }

    private static Token Next(string text, int i)
    {
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        switch (c)
        {
            case '(': return new Token(TokenKind.LeftParen, i, 1);
            case ')': return new Token(TokenKind.RightParen, i, 1);
            case '[': return new Token(TokenKind.LeftBracket, i, 1);
            case ']': return new Token(TokenKind.RightBracket, i, 1);
            case ',': return new Token(TokenKind.Comma, i, 1);
            case '.': return new Token(TokenKind.Dot, i, 1);
            case '?': return new Token(TokenKind.Question, i, 1);
            case ':': return new Token(TokenKind.Colon, i, 1);
            case '-': return new Token(TokenKind.Minus, i, 1);
            case '=' when next == '=': return new Token(TokenKind.Equal, i, 2);
            case '=': throw Error(text, i, "A single '=' is not an operator.", "did you mean '=='?");
            case '!' when next == '=': return new Token(TokenKind.NotEqual, i, 2);
            case '!': return new Token(TokenKind.Not, i, 1);
            case '<' when next == '=': return new Token(TokenKind.LessOrEqual, i, 2);
            case '<' when next == '>': throw Error(text, i, "'<>' is not an operator.", "did you mean '!='?");
            case '<': return new Token(TokenKind.Less, i, 1);
            case '>' when next == '=': return new Token(TokenKind.GreaterOrEqual, i, 2);
            case '>': return new Token(TokenKind.Greater, i, 1);
            case '&' when next == '&': return new Token(TokenKind.And, i, 2);
            case '&': throw Error(text, i, "A single '&' is not an operator.", "did you mean 'and' (or '&&')?");
            case '|' when next == '|': return new Token(TokenKind.Or, i, 2);
            case '|': throw Error(text, i, "A single '|' is not an operator.", "did you mean 'or' (or '||')?");
            case '\'' or '"': return ReadString(text, i);
            case '+' or '*' or '/' or '%':
                throw Error(text, i, $"Unknown operator '{c}'.", "the rule language has no arithmetic");
        }

        if (char.IsAsciiDigit(c))
        {
            return ReadNumber(text, i);
        }

        if (IsIdentifierStart(c))
        {
            return ReadWord(text, i);
        }

        throw Error(text, i, $"Unexpected character {Describe(c)}.", null);
    }

    private static Token ReadWord(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length && (IsIdentifierStart(text[i]) || char.IsAsciiDigit(text[i])))
        {
            i++;
        }

        var word = text[start..i];
        var kind = word switch
        {
            "and" => TokenKind.And,
            "or" => TokenKind.Or,
            "not" => TokenKind.Not,
            "in" => TokenKind.In,
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "null" => TokenKind.Null,
            _ => TokenKind.Identifier,
        };
        return new Token(kind, start, i - start, word);
    }

    private static Token ReadNumber(string text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            if (i + 1 >= text.Length || !char.IsAsciiDigit(text[i + 1]))
            {
                throw Error(text, i, "A decimal point must be followed by digits.", "write 1.0, not 1.");
            }

            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (IsIdentifierStart(text[i]) || text[i] == '.'))
        {
            throw Error(text, i, $"Unexpected {Describe(text[i])} right after a number.", "put a space or an operator between them");
        }

        var value = double.Parse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return new Token(TokenKind.Number, start, i - start, null, value);
    }

    private static Token ReadString(string text, int start)
    {
        var quote = text[start];
        var builder = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == quote)
            {
                return new Token(TokenKind.String, start, i + 1 - start, builder.ToString());
            }

            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    break;
                }

                var escaped = text[i + 1];
                if (escaped is not ('\\' or '\'' or '"'))
                {
                    throw Error(text, i, $"Unknown escape '\\{escaped}' in a string.", @"the only escapes are \\, \' and \""");
                }

                builder.Append(escaped);
                i += 2;
                continue;
            }

            builder.Append(c);
            i++;
        }

        throw Error(text, start, "Unterminated string.", $"close it with {quote}");
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    internal static string Describe(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";

    private static ExpressionSyntaxException Error(string text, int position, string message, string? hint) =>
        new(text, position, message, hint);
}
