using System.Text;

namespace AtlasGuard.Formats.Shell;

/// <summary>
/// Splits POSIX shell text into simple commands: words are separated by blanks, commands by newlines and the
/// control operators <c>; &amp; &amp;&amp; || |</c>; single quotes, double quotes and backslashes quote as the shell
/// does; a backslash before a newline continues the line; <c>#</c> at the start of a word starts a comment.
/// Nothing is expanded. Reading is linear and bounded: words longer than <see cref="MaxWordLength"/> are cut and
/// commands keep at most <see cref="MaxWords"/> words, so a 100 MB single line costs one pass and little memory.
/// </summary>
public static class ShellLexer
{
    /// <summary>The most characters kept of one word.</summary>
    public const int MaxWordLength = 4096;

    /// <summary>The most words kept of one command.</summary>
    public const int MaxWords = 512;

    /// <summary>The commands of <paramref name="text"/>, in order; <paramref name="firstLine"/> is the line number of its first character.</summary>
    public static IReadOnlyList<ShellCommand> Split(string text, int firstLine = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = new State(firstLine);
        var i = 0;
        while (i < text.Length)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var c = text[i];
            switch (c)
            {
                case '\n':
                    state.EndCommand();
                    state.Line++;
                    i++;
                    break;
                case ' ' or '\t' or '\r':
                    state.EndWord();
                    i++;
                    break;
                case ';' or '&' or '|':
                    state.EndCommand();
                    i++;
                    break;
                case '#' when !state.InWord:
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }

                    break;
                case '\\':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        state.Line++;
                    }
                    else if (i + 1 < text.Length)
                    {
                        state.Append(text[i + 1], i);
                    }

                    i += 2;
                    break;
                case '\'':
                    state.StartWord(i);
                    i = Quoted(text, i + 1, '\'', state);
                    break;
                case '"':
                    state.StartWord(i);
                    i = Quoted(text, i + 1, '"', state);
                    break;
                default:
                    state.Append(c, i);
                    i++;
                    break;
            }
        }

        state.EndCommand();
        return state.Commands;
    }

    private static int Quoted(string text, int i, char quote, State state)
    {
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\n')
            {
                state.Line++;
            }

            if (quote == '"' && text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
            {
                i++;
            }

            state.Append(text[i], i);
            i++;
        }

        return i + 1;
    }

    private sealed class State(int line)
    {
        private readonly StringBuilder _word = new();
        private readonly List<string> _words = [];
        private int _commandLine;
        private int _commandOffset;
        private bool _started;

        public int Line { get; set; } = line;

        public List<ShellCommand> Commands { get; } = [];

        public bool InWord => _started;

        public void StartWord(int offset)
        {
            if (!_started)
            {
                _started = true;
                if (_words.Count == 0)
                {
                    _commandLine = Line;
                    _commandOffset = offset;
                }
            }
        }

        public void Append(char c, int offset)
        {
            StartWord(offset);
            if (_word.Length < MaxWordLength)
            {
                _word.Append(c);
            }
        }

        public void EndWord()
        {
            if (_started && _words.Count < MaxWords)
            {
                _words.Add(_word.ToString());
            }

            _word.Clear();
            _started = false;
        }

        public void EndCommand()
        {
            EndWord();
            if (_words.Count > 0)
            {
                Commands.Add(new ShellCommand([.. _words], _commandLine, _commandOffset));
                _words.Clear();
            }
        }
    }
}
