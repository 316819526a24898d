using System.Text;
using System.Text.RegularExpressions;

namespace AtlasGuard.Core.Scanning.Discovery;

/// <summary>
/// A gitignore-style pattern: <c>*</c> and <c>?</c> within a path segment, <c>**</c> across segments,
/// <c>[abc]</c> classes, a leading <c>/</c> or an inner slash anchors the pattern to its base folder, a
/// trailing <c>/</c> matches folders only, a leading <c>!</c> negates. Patterns come from scanned trees, so
/// they are compiled to non-backtracking regular expressions: no pattern can make matching slow.
/// </summary>
public sealed class GlobPattern
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly Regex _regex;

    private GlobPattern(string text, Regex regex, bool negated, bool directoryOnly)
    {
        Text = text;
        _regex = regex;
        IsNegated = negated;
        IsDirectoryOnly = directoryOnly;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>The options of the compiled expression (tests check that matching cannot backtrack).</summary>
    internal RegexOptions Options => _regex.Options;

    /// <summary>True for a <c>!</c> pattern, which re-includes what an earlier pattern excluded.</summary>
    public bool IsNegated { get; }

    /// <summary>True for a pattern with a trailing <c>/</c>, which matches folders only.</summary>
    public bool IsDirectoryOnly { get; }

    /// <summary>Parses one line of a .gitignore file or one --exclude value; null for blanks and comments.</summary>
    public static GlobPattern? TryParse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = TrimTrailingSpaces(line);
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        var negated = false;
        if (text[0] == '!')
        {
            negated = true;
            text = text[1..];
        }
        else if (text.StartsWith("\\!", StringComparison.Ordinal) || text.StartsWith("\\#", StringComparison.Ordinal))
        {
            text = text[1..];
        }

        var directoryOnly = text.EndsWith('/');
        text = text.TrimEnd('/');
        if (text.Length == 0)
        {
            return null;
        }

        var anchored = text.Contains('/', StringComparison.Ordinal);
        text = text.TrimStart('/');
        if (text.Length == 0 || text.Length > 4096)
        {
            return null;
        }

        var body = Translate(text);
        var regex = anchored ? "^" + body + "$" : "^(?:.*/)?" + body + "$";
        try
        {
            return new GlobPattern(line, new Regex(regex, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout),
                negated, directoryOnly);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether the pattern matches a path relative to the pattern's base folder.</summary>
    public bool IsMatch(string relativePath, bool isDirectory)
    {
        if (IsDirectoryOnly && !isDirectory)
        {
            return false;
        }

        try
        {
            return _regex.IsMatch(relativePath);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string TrimTrailingSpaces(string line)
    {
        var end = line.Length;
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\r') && !(end >= 2 && line[end - 2] == '\\'))
        {
            end--;
        }

        return line[..end];
    }

    private static string Translate(string glob)
    {
        var sb = new StringBuilder(glob.Length * 2);
        var i = 0;
        while (i < glob.Length)
        {
            var c = glob[i];
            if (c == '*')
            {
                var starts = i;
                while (i < glob.Length && glob[i] == '*')
                {
                    i++;
                }

                var isSegmentStart = starts == 0 || glob[starts - 1] == '/';
                var isSegmentEnd = i == glob.Length || glob[i] == '/';
                if (i - starts >= 2 && isSegmentStart && isSegmentEnd)
                {
                    if (i == glob.Length)
                    {
                        sb.Append(".*");
                    }
                    else
                    {
                        // "**/" matches zero or more whole folders.
                        sb.Append("(?:.*/)?");
                        i++;
                    }
                }
                else
                {
                    sb.Append("[^/]*");
                }

                continue;
            }

            switch (c)
            {
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    i = AppendClass(glob, i, sb);
                    continue;
                case '\\' when i + 1 < glob.Length:
                    i++;
                    sb.Append(Regex.Escape(glob[i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }

            i++;
        }

        return sb.ToString();
    }

    private static int AppendClass(string glob, int start, StringBuilder sb)
    {
        var end = glob.IndexOf(']', start + 2 <= glob.Length ? start + 2 : glob.Length);
        if (end < 0)
        {
            sb.Append("\\[");
            return start + 1;
        }

        var inner = glob[(start + 1)..end];
        var negate = inner.Length > 0 && (inner[0] == '!' || inner[0] == '^');
        if (negate)
        {
            inner = inner[1..];
        }

        sb.Append('[');
        if (negate)
        {
            sb.Append('^');
        }

        foreach (var ch in inner)
        {
            sb.Append(ch is '\\' or ']' or '[' or '^' ? "\\" + ch : ch.ToString());
        }

        sb.Append(']');
        return end + 1;
    }
}
