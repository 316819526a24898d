using AtlasGuard.Core.Findings;

namespace AtlasGuard.Reporting.Html;

/// <summary>One line of the mitigation checklist.</summary>
internal sealed class MitigationItem(string id)
{
    public string Id { get; } = id;

    /// <summary>True when a finding's rule names the mitigation.</summary>
    public bool NamedByRules { get; set; }

    /// <summary>Found techniques for which the catalog lists the mitigation.</summary>
    public SortedSet<string> SuggestedFor { get; } = new(StringComparer.Ordinal);

    /// <summary>Found techniques it addresses (either source).</summary>
    public SortedSet<string> Techniques { get; } = new(StringComparer.Ordinal);

    public HashSet<Finding> Findings { get; } = new(ReferenceEqualityComparer.Instance);

    public SortedSet<string> Rules { get; } = new(StringComparer.Ordinal);

    public void Add(Finding finding, IEnumerable<string> techniques)
    {
        Findings.Add(finding);
        Rules.Add(finding.RuleId);
        Techniques.UnionWith(techniques);
    }

    /// <summary>
    /// The mitigations that findings name plus the catalog's mitigations of the techniques found, most findings
    /// addressed first, then by id.
    /// </summary>
    public static List<MitigationItem> Collect(HtmlReportModel model)
    {
        var items = new Dictionary<string, MitigationItem>(StringComparer.Ordinal);
        MitigationItem Item(string id) => items.TryGetValue(id, out var m) ? m : items[id] = new MitigationItem(id);
        foreach (var f in model.Findings)
        {
            foreach (var id in f.Mitigations)
            {
                var item = Item(id);
                item.NamedByRules = true;
                item.Add(f, f.Techniques);
            }

            foreach (var t in f.Techniques)
            {
                foreach (var m in model.Catalog.MitigationsOf(t))
                {
                    var item = Item(m.Id);
                    item.SuggestedFor.Add(t);
                    item.Add(f, [t]);
                }
            }
        }

        return [.. items.Values.OrderByDescending(m => m.Findings.Count).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }
}
