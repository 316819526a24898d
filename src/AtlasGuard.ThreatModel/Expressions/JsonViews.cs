using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace AtlasGuard.ThreatModel.Expressions;

/// <summary>A JSON array read as values item by item, without a copy.</summary>
internal sealed class JsonListView(JsonArray array) : IReadOnlyList<ExprValue>
{
    public ExprValue this[int index] => ExprValue.FromJson(array[index]);

    public int Count => array.Count;

    public IEnumerator<ExprValue> GetEnumerator()
    {
        foreach (var node in array)
        {
            yield return ExprValue.FromJson(node);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A JSON object read as values member by member, without a copy.</summary>
internal sealed class JsonObjectView(JsonObject obj) : IReadOnlyDictionary<string, ExprValue>
{
    public ExprValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => obj.Select(pair => pair.Key);

    public IEnumerable<ExprValue> Values => obj.Select(pair => ExprValue.FromJson(pair.Value));

    public int Count => obj.Count;

    public bool ContainsKey(string key) => obj.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ExprValue value)
    {
        if (obj.TryGetPropertyValue(key, out var node) && !ExprValue.IsUnknownMarker(node))
        {
            value = ExprValue.FromJson(node);
            return true;
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, ExprValue>> GetEnumerator()
    {
        foreach (var pair in obj)
        {
            yield return new(pair.Key, ExprValue.FromJson(pair.Value));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
