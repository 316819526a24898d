namespace AtlasGuard.Formats.Shell;

/// <summary>One simple command of a shell script: its words with quoting removed, and where it starts.</summary>
/// <param name="Words">The words, unquoted; variable references are kept as written (<c>$HOST</c>).</param>
/// <param name="Line">The 1-based line of its first word.</param>
/// <param name="Offset">The offset of its first word in the text.</param>
public sealed record ShellCommand(IReadOnlyList<string> Words, int Line, int Offset)
{
    /// <summary>The words joined by single spaces, for matching and messages.</summary>
    public string Text => string.Join(' ', Words);
}
