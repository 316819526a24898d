using System.Text;
using System.Text.Json;

namespace AtlasGuard.Formats.Notebooks;

/// <summary>
/// Reads a cell's outputs: stream text, the text forms of results and displays (binary MIME types skipped
/// without decoding), and errors (name, value and traceback joined by lines).
/// </summary>
internal static class NotebookOutputReader
{
    public static void ReadAll(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadState state, int cell, List<NotebookText> into)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        var number = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            if (++number > state.Limits.MaxOutputsPerCell)
            {
                throw new NotebookLimitException($"Cell {cell} has more than {state.Limits.MaxOutputsPerCell} outputs; the rest were not read.");
            }

            ReadOne(ref reader, json, state, cell, number, into);
        }
    }

    private static void ReadOne(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadState state, int cell, int number, List<NotebookText> into)
    {
        var errorParts = new List<(string Text, List<int> Lines)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (MultilineText.Read(ref reader, json, state) is { } text)
                {
                    into.Add(new NotebookText(cell, number, NotebookTextKind.StreamOutput, null, text.Text, text.FileLines));
                }
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                ReadData(ref reader, json, state, cell, number, into);
            }
            else if (reader.ValueTextEquals("ename"u8) || reader.ValueTextEquals("evalue"u8) || reader.ValueTextEquals("traceback"u8))
            {
                reader.Read();
                if (MultilineText.Read(ref reader, json, state, separateLines: true) is { } part)
                {
                    errorParts.Add(part);
                }
            }
            else if (IsLegacyBinary(ref reader))
            {
                reader.Read();
                reader.Skip();
                state.SkippedBinary++;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (errorParts.Count > 0)
        {
            into.Add(JoinError(cell, number, errorParts));
        }
    }

    private static void ReadData(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadState state, int cell, int number, List<NotebookText> into)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var mime = NotebookReader.ReadString(ref reader);
            reader.Read();
            if (IsBinary(mime))
            {
                reader.Skip();
                state.SkippedBinary++;
                continue;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !IsTextList(mime))
            {
                // JSON-valued output (application/json, widget state): keep its raw text.
                var start = (int)reader.TokenStartIndex;
                var line = state.Lines.LineAt(json, start);
                reader.Skip();
                var raw = Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
                into.Add(new NotebookText(cell, number, NotebookTextKind.DataOutput, mime, raw, [line]));
                continue;
            }

            if (MultilineText.Read(ref reader, json, state) is { } text)
            {
                into.Add(new NotebookText(cell, number, NotebookTextKind.DataOutput, mime, text.Text, text.FileLines));
            }
        }
    }

    private static bool IsTextList(string mime) => mime.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || mime.Equals("application/javascript", StringComparison.OrdinalIgnoreCase);

    private static bool IsBinary(string mime) =>
        mime.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !mime.Equals("image/svg+xml", StringComparison.OrdinalIgnoreCase)
        || mime.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
        || mime.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
        || mime.Equals("application/pdf", StringComparison.OrdinalIgnoreCase)
        || mime.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>nbformat 3 put images directly on the output as "png", "jpeg" and "pdf".</summary>
    private static bool IsLegacyBinary(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("png"u8) || reader.ValueTextEquals("jpeg"u8) || reader.ValueTextEquals("pdf"u8);

    private static NotebookText JoinError(int cell, int number, List<(string Text, List<int> Lines)> parts)
    {
        var builder = new StringBuilder();
        var lines = new List<int>();
        foreach (var (text, fileLines) in parts)
        {
            if (builder.Length > 0 && builder[^1] != '\n')
            {
                builder.Append('\n');
            }

            builder.Append(text);
            lines.AddRange(fileLines);
        }

        return new NotebookText(cell, number, NotebookTextKind.ErrorOutput, null, builder.ToString(), lines);
    }
}
