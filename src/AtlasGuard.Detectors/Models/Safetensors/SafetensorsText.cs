using System.Text;

namespace AtlasGuard.Detectors.Models.Safetensors;

/// <summary>Makes header text safe to print: truncated, control and format characters replaced.</summary>
internal static class SafetensorsText
{
    public static string Printable(string text, int max)
    {
        var s = text.Length > max ? text[..max] : text;
        var sb = new StringBuilder(s.Length + 1);
        foreach (var c in s)
        {
            sb.Append(char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.Surrogate ? '?' : c);
        }

        if (text.Length > max)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }
}
