using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace AtlasGuard.Formats.Python;

/// <summary>Reads <c>import</c> and <c>from</c> statements into bindings of local names to modules.</summary>
internal sealed class PythonImportReader(List<PythonToken> tokens, Dictionary<string, string> aliases)
{
    public ImmutableArray<PythonImport>.Builder Imports { get; } = ImmutableArray.CreateBuilder<PythonImport>();

    public ImmutableArray<PythonRelativeImport>.Builder Relative { get; } = ImmutableArray.CreateBuilder<PythonRelativeImport>();

    // import a.b [as c], d ; returns the index of the last token read.
    public int ReadImport(int i)
    {
        while (i < tokens.Count && tokens[i].Kind == PythonTokenKind.Name)
        {
            var line = tokens[i].Line;
            i = ReadDotted(tokens, i, out var module);
            var dot = module.IndexOf('.', StringComparison.Ordinal);
            var alias = dot < 0 ? module : module[..dot];
            var bound = alias;
            if (i + 1 < tokens.Count && tokens[i].Is("as") && tokens[i + 1].Kind == PythonTokenKind.Name)
            {
                alias = tokens[i + 1].Text;
                bound = module;
                i += 2;
            }

            aliases[alias] = bound;
            Imports.Add(new PythonImport(module, alias, line));
            if (i >= tokens.Count || !tokens[i].Is(","))
            {
                break;
            }

            i++;
        }

        return i - 1;
    }

    // from [.]*a.b import c [as d], e   |   from . import x   |   from a import (b, c)
    public int ReadFrom(int i)
    {
        var line = i < tokens.Count ? tokens[i].Line : 0;
        var level = 0;
        while (i < tokens.Count && (tokens[i].Is(".") || tokens[i].Is("...")))
        {
            level += tokens[i].Text.Length;
            i++;
        }

        var module = string.Empty;
        if (i < tokens.Count && tokens[i].Kind == PythonTokenKind.Name && !tokens[i].Is("import"))
        {
            i = ReadDotted(tokens, i, out module);
        }

        if (i >= tokens.Count || !tokens[i].Is("import"))
        {
            return i - 1;
        }

        i++;
        var parenthesised = i < tokens.Count && tokens[i].Is("(");
        if (parenthesised)
        {
            i++;
        }

        var names = ImmutableArray.CreateBuilder<string>();
        while (i < tokens.Count && (tokens[i].Kind == PythonTokenKind.Name || tokens[i].Is("*")))
        {
            var name = tokens[i].Text;
            var alias = name;
            i++;
            if (i + 1 < tokens.Count && tokens[i].Is("as") && tokens[i + 1].Kind == PythonTokenKind.Name)
            {
                alias = tokens[i + 1].Text;
                i += 2;
            }

            names.Add(name);
            if (level == 0 && name != "*")
            {
                aliases[alias] = module + "." + name;
                Imports.Add(new PythonImport(module + "." + name, alias, line));
            }

            if (i >= tokens.Count || !tokens[i].Is(","))
            {
                break;
            }

            i++;
        }

        if (parenthesised && i < tokens.Count && tokens[i].Is(")"))
        {
            i++;
        }

        if (level > 0)
        {
            Relative.Add(new PythonRelativeImport(level, module, names.ToImmutable(), line));
        }
        else if (names.Contains("*"))
        {
            Imports.Add(new PythonImport(module + ".*", "*", line));
        }

        return i - 1;
    }

    // NAME ('.' NAME)*; returns the index after the last name.
    public static int ReadDotted(List<PythonToken> tokens, int i, out string name)
    {
        var end = DottedEnd(tokens, i);
        name = DottedName(tokens, i, end);
        return end;
    }

    /// <summary>The index after the dotted name starting at <paramref name="i"/> (at most 64 parts).</summary>
    public static int DottedEnd(List<PythonToken> tokens, int i)
    {
        var span = CollectionsMarshal.AsSpan(tokens); // The indexer would copy each token.
        var end = i + 1;
        while (end + 1 < span.Length && end - i < 128 && span[end].Is(".") && span[end + 1].Kind == PythonTokenKind.Name)
        {
            end += 2;
        }

        return end;
    }

    /// <summary>The dotted name in tokens [start, end) as written.</summary>
    public static string DottedName(List<PythonToken> tokens, int start, int end)
    {
        if (end - start == 1)
        {
            return tokens[start].Text;
        }

        var length = 0;
        for (var i = start; i < end; i++)
        {
            length += tokens[i].Text.Length;
        }

        return string.Create(length, (tokens, start, end), static (span, range) =>
        {
            var at = 0;
            for (var i = range.start; i < range.end; i++)
            {
                var text = range.tokens[i].Text;
                text.CopyTo(span[at..]);
                at += text.Length;
            }
        });
    }
}
