using System.Globalization;

namespace AtlasGuard.Formats.Yaml;

/// <summary>Where each node of a tree read from YAML came from, keyed by RFC 6901 JSON pointer ("" is the root).</summary>
public sealed class YamlSourceMap
{
    private readonly Dictionary<string, YamlMark> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YamlMark> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _quoted = new(StringComparer.Ordinal);

    internal void SetValue(string pointer, YamlMark position) => _values[pointer] = position;

    internal void SetKey(string pointer, YamlMark position) => _keys[pointer] = position;

    internal void SetQuoted(string pointer) => _quoted.Add(pointer);

    /// <summary>The position of the value at the pointer, or of its closest ancestor that has one.</summary>
    public YamlMark ValueAt(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        for (var p = pointer; ; p = Parent(p))
        {
            if (_values.TryGetValue(p, out var position))
            {
                return position;
            }

            if (p.Length == 0)
            {
                return YamlMark.None;
            }
        }
    }

    /// <summary>
    /// Where the text of the scalar at the pointer starts: past the opening quote of a single- or double-quoted scalar,
    /// else where its value starts. An offset into a one-line scalar's text added to this column gives the column of
    /// that character in the file (escapes before it in a double-quoted scalar shift it further).
    /// </summary>
    public YamlMark ContentAt(string pointer)
    {
        var value = ValueAt(pointer);
        return _quoted.Contains(pointer) && value != YamlMark.None ? value with { Column = value.Column + 1 } : value;
    }

    /// <summary>The position of the key of the member at the pointer, else of its value.</summary>
    public YamlMark KeyAt(string pointer) => _keys.TryGetValue(pointer, out var position) ? position : ValueAt(pointer);

    /// <summary>The positions under <paramref name="pointer"/>, with pointers relative to that node ("" is the node itself).</summary>
    internal YamlSourceMap Below(string pointer)
    {
        var below = new YamlSourceMap();
        Copy(_values, below._values);
        Copy(_keys, below._keys);
        foreach (var quoted in _quoted)
        {
            if (Relative(quoted) is { } relative)
            {
                below._quoted.Add(relative);
            }
        }

        if (!below._values.ContainsKey(string.Empty))
        {
            below._values[string.Empty] = ValueAt(pointer);
        }

        return below;

        void Copy(Dictionary<string, YamlMark> from, Dictionary<string, YamlMark> to)
        {
            foreach (var (p, mark) in from)
            {
                if (Relative(p) is { } relative)
                {
                    to[relative] = mark;
                }
            }
        }

        string? Relative(string p) =>
            p == pointer ? string.Empty
            : p.Length > pointer.Length && p[pointer.Length] == '/' && p.StartsWith(pointer, StringComparison.Ordinal) ? p[pointer.Length..]
            : null;
    }

    /// <summary>The pointer of a mapping member.</summary>
    public static string Child(string pointer, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>The pointer of a sequence item.</summary>
    public static string Child(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The pointer of the parent ("" for the root and its children).</summary>
    public static string Parent(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? "" : pointer[..slash];
    }

    /// <summary>The last segment of a pointer, unescaped.</summary>
    public static string LastSegment(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var slash = pointer.LastIndexOf('/');
        return pointer[(slash + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }
}
