using System.Text;

namespace AtlasGuard.ThreatModel.Model;

/// <summary>Converts between the document's snake_case names and the enums of the typed model.</summary>
public static class WireNames
{
    /// <summary>The snake_case wire name of an enum value (<c>MissionCritical</c> → <c>mission_critical</c>).</summary>
    public static string ToWireName<TEnum>(this TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    /// <summary>Parses a snake_case wire name; false for anything else, including numbers.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrEmpty(text) || !char.IsAsciiLetterLower(text[0]))
        {
            return false;
        }

        return Enum.TryParse(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out value)
            && value.ToWireName() == text;
    }

    /// <summary>Parses a wire name the schema has already checked.</summary>
    internal static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new InvalidOperationException($"'{text}' is not a {typeof(TEnum).Name}; the schema and the enum disagree.");
}
