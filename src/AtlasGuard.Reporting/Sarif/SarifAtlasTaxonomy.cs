using System.Collections.Immutable;
using System.Text.Json;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Reporting.Sarif;

/// <summary>
/// The MITRE ATLAS taxonomy of one SARIF run (<c>runs[].taxonomies[0]</c>): the techniques the rules name, the
/// parents of those that are sub-techniques, and the tactics of all of them, ordered by id (techniques sort before
/// tactics). Names and tactics come from the catalog of the report context; an id the catalog does not know keeps
/// its taxon (rules point at it) with no name. Each technique taxon relates to its parent (<c>subset</c>) and to its
/// tactics (<c>relevant</c>).
/// </summary>
internal sealed class SarifAtlasTaxonomy
{
    /// <summary>The taxonomy's name, which references to it repeat.</summary>
    public const string Name = "MITRE ATLAS";

    /// <summary>Its index in <c>runs[].taxonomies</c> (the only taxonomy).</summary>
    public const int Index = 0;

    private readonly AtlasCatalog _catalog;
    private readonly ImmutableArray<string> _taxa;
    private readonly Dictionary<string, int> _index;

    private SarifAtlasTaxonomy(AtlasCatalog catalog, ImmutableArray<string> taxa)
    {
        _catalog = catalog;
        _taxa = taxa;
        _index = taxa.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The taxonomy for the techniques of <paramref name="rules"/>.</summary>
    public static SarifAtlasTaxonomy Build(IEnumerable<RuleDescriptor> rules, AtlasCatalog catalog) =>
        Build(rules.SelectMany(r => r.Techniques), catalog);

    /// <summary>The taxonomy for <paramref name="techniqueIds"/> (their parents and tactics added).</summary>
    public static SarifAtlasTaxonomy Build(IEnumerable<string> techniqueIds, AtlasCatalog catalog)
    {
        var techniques = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in techniqueIds)
        {
            techniques.Add(id);
            if (catalog.FindTechnique(id)?.ParentId is { } parent)
            {
                techniques.Add(parent);
            }
        }

        var tactics = techniques.SelectMany(id => catalog.FindTechnique(id)?.TacticIds ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new SarifAtlasTaxonomy(catalog, [.. techniques, .. tactics]);
    }

    /// <summary>Writes a reference to the taxon <paramref name="id"/> (one the taxonomy was built with).</summary>
    public void WriteReference(Utf8JsonWriter w, string id, string kind)
    {
        w.WriteStartObject();
        w.WriteStartObject("target");
        w.WriteString("id", id);
        w.WriteNumber("index", _index[id]);
        w.WriteStartObject("toolComponent");
        w.WriteString("name", Name);
        w.WriteNumber("index", Index);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("kinds");
        w.WriteStringValue(kind);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes the <c>taxonomies</c> array.</summary>
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartArray("taxonomies");
        w.WriteStartObject();
        w.WriteString("name", Name);
        w.WriteString("version", _catalog.Version);
        w.WriteString("organization", "MITRE");
        w.WriteString("informationUri", "https://atlas.mitre.org/");
        w.WriteStartObject("shortDescription");
        w.WriteString("text", "Adversarial Threat Landscape for Artificial-Intelligence Systems");
        w.WriteEndObject();
        w.WriteBoolean("isComprehensive", false);
        w.WriteStartArray("taxa");
        foreach (var id in _taxa)
        {
            if (_catalog.FindTactic(id) is { } tactic)
            {
                WriteTactic(w, tactic);
            }
            else
            {
                WriteTechnique(w, id);
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private void WriteTechnique(Utf8JsonWriter w, string id)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        var technique = _catalog.FindTechnique(id);
        if (technique is not null)
        {
            w.WriteString("name", technique.Name);
            var kind = technique.IsSubTechnique ? "sub-technique" : "technique";
            var tactics = _catalog.TacticsOf(id);
            var ofTactics = tactics.IsEmpty ? string.Empty : $"; {Plural("tactic", tactics.Length)}: {string.Join(", ", tactics.Select(t => t.Name))}";
            WriteText(w, "shortDescription", $"{_catalog.DisplayName(id)} (ATLAS {kind}{ofTactics})");
            WriteDescription(w, id);
        }

        w.WriteString("helpUri", "https://atlas.mitre.org/techniques/" + id);
        if (technique is not null && (technique.ParentId is not null || !technique.TacticIds.IsEmpty))
        {
            w.WriteStartArray("relationships");
            if (technique.ParentId is { } parent)
            {
                WriteReference(w, parent, "subset");
            }

            foreach (var tactic in technique.TacticIds)
            {
                WriteReference(w, tactic, "relevant");
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private void WriteTactic(Utf8JsonWriter w, AtlasTactic tactic)
    {
        w.WriteStartObject();
        w.WriteString("id", tactic.Id);
        w.WriteString("name", tactic.Name);
        WriteText(w, "shortDescription", $"{tactic.Name} (ATLAS tactic)");
        WriteDescription(w, tactic.Id);
        w.WriteString("helpUri", "https://atlas.mitre.org/tactics/" + tactic.Id);
        w.WriteEndObject();
    }

    /// <summary>MITRE's description, present only when the catalog was read from a release file.</summary>
    private void WriteDescription(Utf8JsonWriter w, string id)
    {
        if (_catalog.DescriptionOf(id) is { Length: > 0 } description)
        {
            w.WriteStartObject("fullDescription");
            w.WriteString("text", description);
            w.WriteString("markdown", description);
            w.WriteEndObject();
        }
    }

    private static void WriteText(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static string Plural(string word, int n) => n == 1 ? word : word + "s";
}
