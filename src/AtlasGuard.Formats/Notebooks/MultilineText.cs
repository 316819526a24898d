using System.Text;
using System.Text.Json;

namespace AtlasGuard.Formats.Notebooks;

/// <summary>
/// nbformat's multiline string: one JSON string, or a list of strings to concatenate. Each line of the result
/// keeps the file line of the string it starts in.
/// </summary>
internal static class MultilineText
{
    /// <summary>
    /// Reads the value at the reader; null (and the value skipped) when it is neither form. With
    /// <paramref name="separateLines"/> the list items are lines to join with "\n" (as tracebacks are stored).
    /// </summary>
    public static (string Text, List<int> FileLines)? Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadState state, bool separateLines = false)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var line = state.Lines.LineAt(json, reader.TokenStartIndex);
            var text = NotebookReader.ReadString(ref reader);
            var lines = new List<int>();
            AddLines(lines, text, line, atLineStart: true);
            return (text, lines);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        // Most lists hold one string (a plot's text/plain, a short output): only a second piece starts a builder.
        string? first = null;
        StringBuilder? builder = null;
        var fileLines = new List<int>();
        var lineStart = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            var line = state.Lines.LineAt(json, reader.TokenStartIndex);
            var piece = NotebookReader.ReadString(ref reader);
            var separate = separateLines && fileLines.Count > 0;
            if (separate)
            {
                lineStart = true;
            }

            lineStart = AddLines(fileLines, piece, line, lineStart);
            if (first is null && !separate)
            {
                first = piece;
                continue;
            }

            builder ??= new StringBuilder(first);
            if (separate)
            {
                builder.Append('\n');
            }

            builder.Append(piece);
        }

        if (fileLines.Count == 0)
        {
            fileLines.Add(state.Lines.LineAt(json, reader.TokenStartIndex));
        }

        return (builder?.ToString() ?? first ?? string.Empty, fileLines);
    }

    /// <summary>Records the file line of every text line that starts in <paramref name="piece"/>; returns whether the next piece starts a line.</summary>
    private static bool AddLines(List<int> fileLines, string piece, int fileLine, bool atLineStart)
    {
        if (piece.Length == 0)
        {
            if (fileLines.Count == 0)
            {
                fileLines.Add(fileLine);
            }

            return atLineStart;
        }

        if (atLineStart)
        {
            fileLines.Add(fileLine);
        }

        var span = piece.AsSpan();
        var at = 0;
        while (true)
        {
            var next = span[at..].IndexOf('\n');
            if (next < 0)
            {
                return false;
            }

            at += next + 1;
            if (at == span.Length)
            {
                return true;
            }

            fileLines.Add(fileLine);
        }
    }
}
