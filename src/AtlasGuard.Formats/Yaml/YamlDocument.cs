using System.Text.Json.Nodes;

namespace AtlasGuard.Formats.Yaml;

/// <summary>
/// One YAML document read into a JSON tree. Positions in <see cref="Map"/> and <see cref="Problems"/> are
/// relative to the document's own text; <see cref="Line"/> adds <see cref="LineOffset"/> for a position in the
/// whole file.
/// </summary>
public sealed class YamlDocument
{
    internal YamlDocument(JsonNode? root, bool hasRoot, YamlSourceMap map, IReadOnlyList<YamlProblem> problems, int lineOffset)
    {
        Root = root;
        HasRoot = hasRoot;
        Map = map;
        Problems = problems;
        LineOffset = lineOffset;
    }

    /// <summary>The tree; null for an empty, unreadable or <c>null</c> document (see <see cref="HasRoot"/>).</summary>
    public JsonNode? Root { get; }

    /// <summary>Whether a tree was read (a document whose value is <c>null</c> has one, and a null root).</summary>
    public bool HasRoot { get; }

    /// <summary>Positions of the tree's nodes.</summary>
    public YamlSourceMap Map { get; }

    /// <summary>What went wrong, in document order; empty for a clean document.</summary>
    public IReadOnlyList<YamlProblem> Problems { get; }

    /// <summary>How many lines of the file come before this document's text.</summary>
    public int LineOffset { get; }

    /// <summary>Whether a problem stopped the reading.</summary>
    public bool Failed => Problems.Any(p => p.Fatal);

    /// <summary>
    /// The items of the sequence under the root's <paramref name="key"/>, each as a document of its own (the items of a
    /// Kubernetes <c>List</c>, say): its pointers start at the item, and its lines are still lines of the whole file.
    /// </summary>
    public IEnumerable<YamlDocument> ItemsOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (YamlNodes.Array(Root, key) is not { } items)
        {
            yield break;
        }

        var pointer = YamlSourceMap.Child(string.Empty, key);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item)
            {
                yield return new YamlDocument(item, true, Map.Below(YamlSourceMap.Child(pointer, i)), [], LineOffset);
            }
        }
    }

    /// <summary>The 1-based line in the whole file of the value at a JSON pointer, or 0 when unknown.</summary>
    public int Line(string pointer)
    {
        var at = Map.ValueAt(pointer);
        return at.Line > 0 ? at.Line + LineOffset : 0;
    }
}
