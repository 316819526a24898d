using Spectre.Console;

namespace AtlasGuard.Cli.Output;

/// <summary>Messages for the user on standard error, so that reports on standard output stay parseable.</summary>
internal static class Errors
{
    // Made per message over whatever Console.Error is now, so that a redirected standard error (a host, a test) gets them.
    private static IAnsiConsole Stderr => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });

    public static void Print(IEnumerable<string> messages)
    {
        foreach (var m in messages)
        {
            Stderr.MarkupLine($"[red]error:[/] {Markup.Escape(m)}");
        }
    }

    public static void Note(string message) => Stderr.MarkupLine($"[yellow]note:[/] {Markup.Escape(message)}");
}
