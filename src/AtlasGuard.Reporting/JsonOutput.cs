using System.Text.Encodings.Web;
using System.Text.Json;

namespace AtlasGuard.Reporting;

/// <summary>Shared settings for the JSON-based formats: indented, LF line ends, relaxed escaping of non-ASCII.</summary>
internal static class JsonOutput
{
    public static Utf8JsonWriter CreateWriter(Stream output) => new(output, new JsonWriterOptions
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void WriteStringArray(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteStringValue(v);
        }

        writer.WriteEndArray();
    }
}
