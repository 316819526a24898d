using System.Globalization;

namespace AtlasGuard.Cli.Output;

/// <summary>Parses sizes such as <c>500MB</c>, <c>64GiB</c> or <c>1048576</c> (binary multiples throughout).</summary>
internal static class ByteSize
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToUpperInvariant();
        var multiplier = 1L;
        foreach (var (suffix, factor) in new (string, long)[]
                 {
                     ("TIB", 1L << 40), ("GIB", 1L << 30), ("MIB", 1L << 20), ("KIB", 1L << 10),
                     ("TB", 1L << 40), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10),
                     ("T", 1L << 40), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1),
                 })
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                multiplier = factor;
                t = t[..^suffix.Length].Trim();
                break;
            }
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsNaN(value))
        {
            return false;
        }

        var result = value * multiplier;
        if (result > long.MaxValue)
        {
            return false;
        }

        bytes = (long)result;
        return true;
    }
}
