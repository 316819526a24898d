using System.Text.Json;

namespace AtlasGuard.Formats.Notebooks;

/// <summary>Reads the kernel language from notebook metadata (<c>language_info.name</c>, else <c>kernelspec.language</c>).</summary>
internal static class NotebookMetadata
{
    public static void Read(ref Utf8JsonReader reader, ReadState state)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        string? fromInfo = null;
        string? fromSpec = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("language_info"u8))
            {
                reader.Read();
                fromInfo = Member(ref reader, "name"u8);
            }
            else if (reader.ValueTextEquals("kernelspec"u8))
            {
                reader.Read();
                fromSpec = Member(ref reader, "language"u8);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        var language = fromInfo ?? fromSpec;
        state.Language = string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant();
    }

    private static string? Member(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = reader.ValueTextEquals(name);
            reader.Read();
            if (wanted && reader.TokenType == JsonTokenType.String)
            {
                value = NotebookReader.ReadString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return value is { Length: <= 64 } ? value : null;
    }
}
