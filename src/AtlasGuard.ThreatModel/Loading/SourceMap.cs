using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>Where each node of a JSON tree came from, keyed by RFC 6901 JSON pointer ("" is the root).</summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, SourcePosition> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourcePosition> _keys = new(StringComparer.Ordinal);

    public void SetValue(string pointer, SourcePosition position) => _values[pointer] = position;

    public void SetKey(string pointer, SourcePosition position) => _keys[pointer] = position;

    /// <summary>The position of the value at the pointer, or of its closest ancestor that has one.</summary>
    public SourcePosition ValueAt(string pointer)
    {
        for (var p = pointer; ; p = Parent(p))
        {
            if (_values.TryGetValue(p, out var position))
            {
                return position;
            }

            if (p.Length == 0)
            {
                return SourcePosition.None;
            }
        }
    }

    /// <summary>The position of the key of the member at the pointer, else of its value.</summary>
    public SourcePosition KeyAt(string pointer) => _keys.TryGetValue(pointer, out var position) ? position : ValueAt(pointer);

    public static string Child(string pointer, string key) =>
        pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Child(string pointer, int index) =>
        pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Parent(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? "" : pointer[..slash];
    }

    /// <summary>The last segment of a pointer, unescaped.</summary>
    public static string LastSegment(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return pointer[(slash + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }
}
