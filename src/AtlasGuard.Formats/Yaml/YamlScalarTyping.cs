using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AtlasGuard.Formats.Yaml;

/// <summary>YAML 1.2 core-schema typing of plain scalars; <c>yes</c>, <c>on</c> and friends stay strings.</summary>
internal static class YamlScalarTyping
{
    public static JsonNode? ToNode(Scalar scalar)
    {
        var value = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || IsStringTag(scalar.Tag))
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (LooksNumeric(value))
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return JsonValue.Create(integer);
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            {
                return JsonValue.Create(real);
            }
        }

        return JsonValue.Create(value);
    }

    private static bool IsStringTag(TagName tag) =>
        !tag.IsEmpty && tag.Value is "tag:yaml.org,2002:str" or "!!str";

    private static bool LooksNumeric(string value)
    {
        if (value.Length is 0 or > 40)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E'))
            {
                return false;
            }
        }

        return value.Any(char.IsAsciiDigit);
    }
}
