using System.Text;

namespace AtlasGuard.Formats.GitHubActions;

/// <summary>One <c>${{ … }}</c> expression found in a text: where it starts and what is between the braces.</summary>
/// <param name="Offset">Offset of the <c>$</c> in the text.</param>
/// <param name="Length">Length up to and including the closing <c>}}</c> (to the end of the text when unclosed).</param>
/// <param name="Body">The expression between the braces, trimmed.</param>
public readonly record struct ActionsExpression(int Offset, int Length, string Body);

/// <summary>
/// Finds GitHub Actions expressions (<c>${{ … }}</c>) in a string and the context properties they read
/// (<c>github.event.pull_request.title</c>, <c>inputs.name</c>, <c>github.event.commits.*.message</c>). Pure and
/// linear: string literals in the expression language (single-quoted, <c>''</c> escapes a quote) are skipped, index
/// access with a literal (<c>github.event['issue']['title']</c>) reads as a dotted path, and the number of expressions
/// and the length of each path are bounded.
/// </summary>
public static class ActionsExpressions
{
    /// <summary>The most expressions returned for one text.</summary>
    public const int MaxExpressions = 10_000;

    /// <summary>The longest property path kept (longer paths are cut at this many segments).</summary>
    public const int MaxSegments = 16;

    /// <summary>The expressions of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<ActionsExpression> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<ActionsExpression>();
        var at = 0;
        while (found.Count < MaxExpressions)
        {
            var start = text.IndexOf("${{", at, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var end = FindClose(text, start + 3);
            var bodyEnd = end < 0 ? text.Length : end;
            found.Add(new ActionsExpression(start, (end < 0 ? text.Length : end + 2) - start, text[(start + 3)..bodyEnd].Trim()));
            at = end < 0 ? text.Length : end + 2;
        }

        return found;
    }

    /// <summary>
    /// The context property paths an expression reads, lower-cased, in order of appearance: identifiers followed by
    /// <c>.name</c>, <c>.*</c> or <c>['literal']</c> segments. Function names (<c>contains(</c>) are not paths.
    /// </summary>
    public static IReadOnlyList<string> References(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var paths = new List<string>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c == '\'')
            {
                i = SkipString(expression, i);
                continue;
            }

            if (!IsIdentifierStart(c) || (i > 0 && (IsIdentifierPart(expression[i - 1]) || expression[i - 1] == '.')))
            {
                i++;
                continue;
            }

            var path = new StringBuilder();
            var segments = 0;
            i = ReadIdentifier(expression, i, path);
            segments++;
            var isCall = false;
            while (i < expression.Length)
            {
                var j = SkipSpaces(expression, i);
                if (j < expression.Length && expression[j] == '(' && segments == 1)
                {
                    isCall = true;
                    break;
                }

                if (j + 1 < expression.Length && expression[j] == '.' && expression[j + 1] == '*')
                {
                    Append(path, "*", ref segments);
                    i = j + 2;
                }
                else if (j + 1 < expression.Length && expression[j] == '.' && IsIdentifierStart(expression[j + 1]))
                {
                    var segment = new StringBuilder();
                    i = ReadIdentifier(expression, j + 1, segment);
                    Append(path, segment.ToString(), ref segments);
                }
                else if (j < expression.Length && expression[j] == '[')
                {
                    var k = SkipSpaces(expression, j + 1);
                    if (k < expression.Length && expression[k] == '\'')
                    {
                        var close = SkipString(expression, k);
                        var literal = expression[(k + 1)..Math.Max(k + 1, close - 1)].Replace("''", "'", StringComparison.Ordinal);
                        Append(path, literal, ref segments);
                        i = SkipSpaces(expression, close);
                        i = i < expression.Length && expression[i] == ']' ? i + 1 : i;
                    }
                    else if (k < expression.Length && (expression[k] == '*' || char.IsAsciiDigit(expression[k])))
                    {
                        // A list index or filter: any one element.
                        Append(path, "*", ref segments);
                        k++;
                        while (k < expression.Length && char.IsAsciiDigit(expression[k]))
                        {
                            k++;
                        }

                        i = SkipSpaces(expression, k);
                        i = i < expression.Length && expression[i] == ']' ? i + 1 : i;
                    }
                    else
                    {
                        // A computed index (github.event[inputs.key]): the path ends; the index is read on its own.
                        Append(path, "*", ref segments);
                        i = j + 1;
                        break;
                    }
                }
                else
                {
                    break;
                }
            }

            if (!isCall)
            {
                paths.Add(path.ToString().ToLowerInvariant());
            }
        }

        return paths;
    }

    private static void Append(StringBuilder path, string segment, ref int segments)
    {
        if (segments >= MaxSegments)
        {
            return;
        }

        path.Append('.').Append(segment);
        segments++;
    }

    private static int FindClose(string text, int from)
    {
        for (var i = from; i < text.Length - 1; i++)
        {
            if (text[i] == '\'')
            {
                i = SkipString(text, i) - 1;
            }
            else if (text[i] == '}' && text[i + 1] == '}')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The offset just after the string literal that starts at <paramref name="quote"/>.</summary>
    private static int SkipString(string text, int quote)
    {
        var i = quote + 1;
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    private static int ReadIdentifier(string text, int from, StringBuilder into)
    {
        var i = from;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        into.Append(text, from, i - from);
        return i;
    }

    private static int SkipSpaces(string text, int from)
    {
        while (from < text.Length && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return from;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
