using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Shell;

namespace AtlasGuard.Detectors.Services;

/// <summary>A command line with its leading variable assignments taken off and wrappers unwrapped.</summary>
/// <param name="Words">The command's words, starting at the program.</param>
/// <param name="Env">Variables assigned in front of it (<c>NAME=value cmd</c>).</param>
internal sealed record CommandWords(IReadOnlyList<string> Words, IReadOnlyList<(string Name, string Value)> Env);

/// <summary>
/// Finds the MLOps program a command line starts: assignments in front (<c>OLLAMA_HOST=0.0.0.0 ollama serve</c>),
/// wrappers (<c>exec</c>, <c>nohup</c>, <c>env</c>, <c>sudo</c>) and <c>sh -c "..."</c> scripts are looked through.
/// </summary>
internal static class LaunchCommands
{
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal) { "exec", "nohup", "env", "sudo", "time", "nice", "tini", "dumb-init", "--", "gosu" };
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "zsh", "dash", "ash" };

    /// <summary>The commands inside <paramref name="words"/>: itself, or the commands of the script a shell runs.</summary>
    public static IEnumerable<CommandWords> Expand(IReadOnlyList<string> words, int depth = 0)
    {
        var env = new List<(string, string)>();
        var i = 0;
        while (i < words.Count)
        {
            var word = words[i];
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && !word.StartsWith('-') && IsName(word.AsSpan(0, eq)))
            {
                env.Add((word[..eq], word[(eq + 1)..]));
                i++;
            }
            else if (Wrappers.Contains(Program(word)) || (i > 0 && Program(words[i - 1]) == "sudo" && word.StartsWith('-')))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        if (i >= words.Count)
        {
            yield break;
        }

        var rest = words.Skip(i).ToList();
        var dashC = rest.IndexOf("-c");
        if (depth < 3 && Shells.Contains(Program(rest[0])) && dashC > 0 && dashC + 1 < rest.Count)
        {
            foreach (var inner in ShellLexer.Split(rest[dashC + 1]))
            {
                foreach (var command in Expand(inner.Words, depth + 1))
                {
                    yield return command with { Env = [.. env, .. command.Env] };
                }
            }

            yield break;
        }

        yield return new CommandWords(rest, env);
    }

    /// <summary>The first command of <paramref name="words"/> that starts a known product, with the product.</summary>
    public static (CommandWords Command, MlopsService Service)? FindProduct(IReadOnlyList<string> words, MlopsServiceCatalog catalog)
    {
        foreach (var command in Expand(words))
        {
            if (catalog.MatchCommand(string.Join(' ', command.Words.Take(8))) is { } service)
            {
                return (command, service);
            }
        }

        return null;
    }

    /// <summary>The program name of a word: its last path component.</summary>
    public static string Program(string word) => word[(word.LastIndexOf('/') + 1)..];

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
