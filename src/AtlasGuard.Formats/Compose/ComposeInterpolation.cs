namespace AtlasGuard.Formats.Compose;

/// <summary>Compose variable interpolation, read without an environment: <c>${NAME:-default}</c> stands for its default.</summary>
public static class ComposeInterpolation
{
    /// <summary>
    /// The value with each <c>${NAME:-default}</c>, <c>${NAME-default}</c> replaced by its default and each other
    /// <c>${NAME}</c> or <c>$NAME</c> left as written. Nested references in a default are kept as written.
    /// </summary>
    public static string DefaultOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return value;
        }

        var result = new System.Text.StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            var start = value.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(value, i, value.Length - i);
                break;
            }

            var end = value.IndexOf('}', start);
            if (end < 0)
            {
                result.Append(value, i, value.Length - i);
                break;
            }

            result.Append(value, i, start - i);
            var inner = value[(start + 2)..end];
            var dash = inner.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                result.Append(inner[(dash + 1)..]);
            }
            else
            {
                result.Append(value, start, end - start + 1);
            }

            i = end + 1;
        }

        return result.ToString();
    }
}
