using AtlasGuard.Formats.Yaml;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>Where each node of a JSON tree came from, keyed by RFC 6901 JSON pointer ("" is the root), in model positions.</summary>
internal sealed class SourceMap(YamlSourceMap inner)
{
    public SourceMap()
        : this(new YamlSourceMap())
    {
    }

    /// <summary>The position of the value at the pointer, or of its closest ancestor that has one.</summary>
    public SourcePosition ValueAt(string pointer) => Convert(inner.ValueAt(pointer));

    /// <summary>Where the text of the scalar at the pointer starts (past a quote).</summary>
    public SourcePosition ContentAt(string pointer) => Convert(inner.ContentAt(pointer));

    /// <summary>The position of the key of the member at the pointer, else of its value.</summary>
    public SourcePosition KeyAt(string pointer) => Convert(inner.KeyAt(pointer));

    public static string Child(string pointer, string key) => YamlSourceMap.Child(pointer, key);

    public static string Child(string pointer, int index) => YamlSourceMap.Child(pointer, index);

    public static string Parent(string pointer) => YamlSourceMap.Parent(pointer);

    /// <summary>The last segment of a pointer, unescaped.</summary>
    public static string LastSegment(string pointer) => YamlSourceMap.LastSegment(pointer);

    public static SourcePosition Convert(YamlMark mark) => new(mark.Line, mark.Column);
}
