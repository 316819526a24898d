using System.Text;

namespace AtlasGuard.Formats.Python;

/// <summary>Classifies a token range as an argument value: literal, dotted name, spread or other.</summary>
internal static class PythonValues
{
    private const int MaxConcatenatedStrings = 16;

    /// <summary>Classifies tokens [start, end) as an argument (with its keyword when it is <c>name=value</c>).</summary>
    public static PythonArgument? Argument(List<PythonToken> tokens, int start, int end, Func<string, string> resolve)
    {
        if (start >= end)
        {
            return null;
        }

        var first = tokens[start];
        if (first.Is("*") || first.Is("**"))
        {
            return new PythonArgument(null, PythonValueKind.Spread, null, start + 1, end);
        }

        if (first.Kind == PythonTokenKind.Name && end - start >= 2 && tokens[start + 1].Is("="))
        {
            return Value(tokens, start + 2, end, resolve, first.Text);
        }

        return Value(tokens, start, end, resolve);
    }

    /// <summary>Classifies the value in tokens [start, end).</summary>
    public static PythonArgument Value(List<PythonToken> tokens, int start, int end, Func<string, string> resolve, string? keyword = null)
    {
        if (end - start == 1)
        {
            var t = tokens[start];
            switch (t.Kind)
            {
                case PythonTokenKind.Number:
                    return new PythonArgument(keyword, PythonValueKind.Literal, t.Text, start, end);
                case PythonTokenKind.String when StringValue(t.Text) is { } text:
                    return new PythonArgument(keyword, PythonValueKind.Literal, text, start, end);
                case PythonTokenKind.Name when t.Text is "True" or "False" or "None":
                    return new PythonArgument(keyword, PythonValueKind.Literal, t.Text, start, end);
                case PythonTokenKind.Name:
                    return new PythonArgument(keyword, PythonValueKind.Name, resolve(t.Text), start, end);
            }
        }

        if (end > start && end - start <= MaxConcatenatedStrings && tokens[start].Kind == PythonTokenKind.String)
        {
            var builder = new StringBuilder();
            for (var i = start; i < end; i++)
            {
                if (tokens[i].Kind != PythonTokenKind.String || StringValue(tokens[i].Text) is not { } part)
                {
                    return new PythonArgument(keyword, PythonValueKind.Other, null, start, end);
                }

                builder.Append(part);
            }

            return new PythonArgument(keyword, PythonValueKind.Literal, builder.ToString(), start, end);
        }

        if (end > start && tokens[start].Kind == PythonTokenKind.Name && PythonImportReader.DottedEnd(tokens, start) == end)
        {
            return new PythonArgument(keyword, PythonValueKind.Name, resolve(PythonImportReader.DottedName(tokens, start, end)), start, end);
        }

        return new PythonArgument(keyword, PythonValueKind.Other, null, start, end);
    }

    /// <summary>
    /// The contents of a string token without prefix and quotes, or null for an f-string with replacement fields,
    /// an unterminated or truncated literal. Escapes are kept as written.
    /// </summary>
    public static string? StringValue(string token)
    {
        var p = 0;
        while (p < token.Length && token[p] is not ('\'' or '"'))
        {
            p++;
        }

        if (p >= token.Length)
        {
            return null;
        }

        var prefix = token.AsSpan(0, p);
        var quote = token[p];
        var triple = token.Length - p >= 6 && token[p + 1] == quote && token[p + 2] == quote;
        var q = triple ? 3 : 1;
        if (token.Length - p < 2 * q || token[^1] != quote || (triple && !token.EndsWith(new string(quote, 3), StringComparison.Ordinal)))
        {
            return null;
        }

        var body = token.Substring(p + q, token.Length - p - 2 * q);
        if (prefix.ContainsAny('f', 'F') || prefix.ContainsAny('t', 'T'))
        {
            if (body.Replace("{{", string.Empty, StringComparison.Ordinal).Contains('{', StringComparison.Ordinal))
            {
                return null;
            }

            body = body.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);
        }

        return body;
    }
}
