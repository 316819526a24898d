using AtlasGuard.Formats.Shell;

namespace AtlasGuard.Formats.Tests.Shell;

public class ShellLexerTests
{
    [Fact]
    public void Quotes_escapes_and_continuations_are_read_as_the_shell_does()
    {
        var commands = ShellLexer.Split("jupyter lab --ServerApp.token='' \\\n  --ip=\"0.0.0.0\" --name=a\\ b # comment\necho done");

        Assert.Equal(2, commands.Count);
        Assert.Equal(["jupyter", "lab", "--ServerApp.token=", "--ip=0.0.0.0", "--name=a b"], commands[0].Words);
        Assert.Equal(1, commands[0].Line);
        Assert.Equal(3, commands[1].Line);
    }

    [Fact]
    public void Control_operators_separate_commands()
    {
        var commands = ShellLexer.Split("cd /app && OLLAMA_HOST=0.0.0.0 ollama serve & sleep 1; ray start --head || exit 1");

        Assert.Equal(["cd /app", "OLLAMA_HOST=0.0.0.0 ollama serve", "sleep 1", "ray start --head", "exit 1"], commands.Select(c => c.Text));
    }

    [Fact]
    public void An_empty_quoted_word_is_kept()
    {
        var command = Assert.Single(ShellLexer.Split("run --token \"\" --x ''"));

        Assert.Equal(["run", "--token", "", "--x", ""], command.Words);
    }

    [Fact]
    public void An_unterminated_quote_ends_at_the_end_of_the_text()
    {
        var command = Assert.Single(ShellLexer.Split("echo 'never closed"));

        Assert.Equal(["echo", "never closed"], command.Words);
    }

    [Fact]
    public void A_huge_single_line_is_read_in_bounded_words_and_time()
    {
        var text = "mlflow server " + string.Concat(Enumerable.Repeat("--host 0.0.0.0 ", 1_000_000)) + new string('x', 5_000_000);

        var command = Assert.Single(ShellLexer.Split(text));

        Assert.Equal(ShellLexer.MaxWords, command.Words.Count);
        Assert.All(command.Words, w => Assert.True(w.Length <= ShellLexer.MaxWordLength));
    }

    [Theory]
    [InlineData("--host=0.0.0.0", "0.0.0.0")]
    [InlineData("--host 0.0.0.0", "0.0.0.0")]
    [InlineData("--bind_all", "true")]
    [InlineData("--bind_all --port 6006", "true")]
    [InlineData("--port 6006", null)]
    public void Flags_are_found_in_both_spellings(string words, string? expected)
    {
        var name = words.Contains("bind_all", StringComparison.Ordinal) ? "--bind_all" : "--host";

        Assert.Equal(expected, CommandFlags.Value(words.Split(' '), name));
    }
}
