using System.Text.Json;

namespace AtlasGuard.Formats.Notebooks;

/// <summary>Reads one cell object: its type, its source (<c>source</c>, or <c>input</c> in nbformat 3) and its outputs.</summary>
internal static class NotebookCellReader
{
    public static void Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadState state)
    {
        var cell = state.Cells;
        string? type = null;
        (string Text, List<int> Lines)? source = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("cell_type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? NotebookReader.ReadString(ref reader) : Skip(ref reader);
            }
            else if (reader.ValueTextEquals("source"u8) || reader.ValueTextEquals("input"u8))
            {
                reader.Read();
                source = MultilineText.Read(ref reader, json, state) ?? source;
                if (type is not null && source is not null)
                {
                    Add(state, cell, type, source.Value);
                    source = null;
                }
            }
            else if (reader.ValueTextEquals("outputs"u8))
            {
                reader.Read();
                NotebookOutputReader.ReadAll(ref reader, json, state, cell, state.Texts);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (source is { } s)
        {
            Add(state, cell, type, s);
        }
    }

    private static void Add(ReadState state, int cell, string? type, (string Text, List<int> Lines) source)
    {
        var kind = type switch
        {
            "markdown" or "heading" => NotebookTextKind.MarkdownSource,
            "raw" => NotebookTextKind.RawSource,
            _ => NotebookTextKind.CodeSource,
        };
        state.Texts.Add(new NotebookText(cell, 0, kind, null, source.Text, source.Lines));
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}
