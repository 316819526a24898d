using System.Text.Json;
using AtlasGuard.Formats.Json;

namespace AtlasGuard.Formats.Notebooks;

/// <summary>
/// Reads the text of a Jupyter notebook (nbformat 4, and the <c>worksheets</c> layout of nbformat 3) with
/// <see cref="Utf8JsonReader"/>: cell sources, stream output, text representations of results and displays, and
/// error tracebacks. Binary outputs (images, PDFs) are skipped without decoding. Unknown members are skipped.
/// Nothing is ever executed. A notebook that is not valid JSON to its end yields what was read before the fault
/// and a <see cref="Notebook.Problem"/>.
/// </summary>
public static class NotebookReader
{
    /// <summary>Reads a notebook from its bytes.</summary>
    public static Notebook Read(ReadOnlySpan<byte> json, NotebookLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= NotebookLimits.Default;
        var state = new ReadState(limits, cancellationToken);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            MaxDepth = limits.MaxDepth,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        string? problem = null;
        var problemLine = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "The notebook is not a JSON object.";
                problemLine = 1;
            }
            else
            {
                ReadRoot(ref reader, json, state);
            }
        }
        catch (JsonException e)
        {
            problem = "The notebook is not valid JSON: " + FirstSentence(e.Message);
            problemLine = (int)Math.Min((e.LineNumber ?? 0) + 1, int.MaxValue);
        }
        catch (InvalidOperationException e)
        {
            problem = "The notebook could not be read: " + FirstSentence(e.Message);
            problemLine = state.Lines.LineAt(json, reader.TokenStartIndex);
        }
        catch (NotebookLimitException e)
        {
            problem = e.Message;
            problemLine = state.Lines.LineAt(json, reader.TokenStartIndex);
        }

        return new Notebook(state.Language, state.Texts, state.Cells, state.SkippedBinary, problem, problemLine);
    }

    private static void ReadRoot(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadState state)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("cells"u8))
            {
                reader.Read();
                ReadCells(ref reader, json, state);
            }
            else if (reader.ValueTextEquals("worksheets"u8))
            {
                reader.Read();
                ReadWorksheets(ref reader, json, state);
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                NotebookMetadata.Read(ref reader, state);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadWorksheets(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadState state)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCells = reader.ValueTextEquals("cells"u8);
                reader.Read();
                if (isCells)
                {
                    ReadCells(ref reader, json, state);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private static void ReadCells(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadState state)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            state.CancellationToken.ThrowIfCancellationRequested();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            if (state.Cells >= state.Limits.MaxCells)
            {
                throw new NotebookLimitException($"The notebook has more than {state.Limits.MaxCells} cells; the rest were not read.");
            }

            state.Cells++;
            NotebookCellReader.Read(ref reader, json, state);
        }
    }

    internal static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..(dot + 1)] : message;
    }

    /// <summary>Reads a string token, tolerating invalid UTF-8 (replaced by U+FFFD) and lone surrogate escapes instead of failing.</summary>
    internal static string ReadString(ref Utf8JsonReader reader) => JsonStringText.Read(ref reader);
}

/// <summary>Raised when a count limit stops the reading.</summary>
internal sealed class NotebookLimitException(string message) : Exception(message);
