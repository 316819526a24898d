using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>What the semantic checks share: the tree, where its nodes are, the ids of each section, the diagnostics.</summary>
internal sealed class CheckContext(string file, JsonObject root, SourceMap map, List<ThreatModelDiagnostic> diagnostics)
{
    private readonly Dictionary<string, Dictionary<string, string>> _ids = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public JsonObject Root { get; } = root;

    public SourceMap Map { get; } = map;

    public List<ThreatModelDiagnostic> Diagnostics { get; } = diagnostics;

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Indexes the ids of a section (id → pointer of the entry), reporting duplicates.</summary>
    public Dictionary<string, string> IndexIds(string section, string what)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (node, pointer) in Json.Items(Root, section))
        {
            if (Json.Str(node, "id") is not { } id)
            {
                continue;
            }

            if (ids.TryGetValue(id, out var first))
            {
                Error(pointer + "/id", DiagnosticCodes.DuplicateId, $"Another {what} already has the id '{id}'.",
                    $"The first is on line {Map.ValueAt(first).Line}; ids must be unique within {section}.");
                continue;
            }

            ids[id] = pointer;
        }

        _ids[section] = ids;
        return ids;
    }

    public IReadOnlyDictionary<string, string> Ids(string section) =>
        _ids.TryGetValue(section, out var ids) ? ids : new Dictionary<string, string>();

    /// <summary>Checks that the string at <paramref name="pointer"/> is an id of <paramref name="section"/>; false when not.</summary>
    public bool Reference(string pointer, string? value, string section, string what)
    {
        if (value is null)
        {
            return false;
        }

        var ids = Ids(section);
        if (ids.ContainsKey(value))
        {
            return true;
        }

        var hint = Suggestions.DidYouMean(value, ids.Keys)
            ?? (ids.Count == 0 ? $"The document has no {section}." : $"Known: {Suggestions.List(ids.Keys.ToList(), 12)}.");
        Error(pointer, DiagnosticCodes.UnresolvedReference, $"'{value}' is not the id of any {what}.", hint);
        return false;
    }

    /// <summary>Checks each string of the list at <c>node[key]</c>.</summary>
    public void References(JsonObject node, string pointer, string key, string section, string what)
    {
        if (node[key] is not JsonArray array)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            Reference(SourceMap.Child(SourceMap.Child(pointer, key), i), array[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null, section, what);
        }
    }

    public void Error(string pointer, string code, string message, string? hint = null) =>
        Diagnostics.Add(ThreatModelDiagnostic.Error(File, Map.ValueAt(pointer), code, message, hint));

    public void Warning(string pointer, string code, string message, string? hint = null) =>
        Diagnostics.Add(ThreatModelDiagnostic.Warning(File, Map.ValueAt(pointer), code, message, hint));

    public SourcePosition At(string pointer) => Map.ValueAt(pointer);
}
