using Spectre.Console;

namespace AtlasGuard.Cli.Output;

/// <summary>Messages for the user on standard error, so that reports on standard output stay parseable.</summary>
internal static class Errors
{
    private static readonly IAnsiConsole Stderr = AnsiConsole.Create(new AnsiConsoleSettings
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
