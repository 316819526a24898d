using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>Writes YAML lines with trailing comments; every value is written so that it reads back as itself.</summary>
internal sealed class YamlText
{
    private readonly StringBuilder _b = new();

    public void Line(int indent, string text, string? comment = null)
    {
        _b.Append(' ', indent).Append(text);
        if (comment is not null)
        {
            _b.Append("  # ").Append(OneLine(comment));
        }

        _b.Append('\n');
    }

    public void Comment(int indent, string text) => _b.Append(' ', indent).Append("# ").Append(OneLine(text)).Append('\n');

    public void Blank() => _b.Append('\n');

    public override string ToString() => _b.ToString();

    /// <summary>A double-quoted YAML string with JSON escapes (a JSON string is a valid YAML flow scalar).</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value, DraftJsonContext.Default.String);

    public static string Value(JsonNode node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Plain(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Plain)) + "]";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Enum words and ids are written plain; anything else is quoted.</summary>
    private static string Plain(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '.')
            && char.IsAsciiLetterLower(value[0]) && value is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off")
            ? value
            : Quote(value);

    private static string OneLine(string text) =>
        text.Replace('\r', ' ').Replace('\n', ' ');
}
