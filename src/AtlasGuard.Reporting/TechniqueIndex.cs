using System.Collections.Immutable;
using AtlasGuard.Core.Atlas;

namespace AtlasGuard.Reporting;

/// <summary>Items (findings, threats) by the ATLAS technique ids they name, each item once per id, in item order.</summary>
internal static class TechniqueIndex
{
    public static Dictionary<string, List<T>> Build<T>(IEnumerable<T> items, Func<T, IEnumerable<string>> techniques)
    {
        var index = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var id in techniques(item).Distinct(StringComparer.Ordinal))
            {
                if (!index.TryGetValue(id, out var list))
                {
                    index[id] = list = [];
                }

                list.Add(item);
            }
        }

        return index;
    }

    /// <summary>The ids of <paramref name="index"/> the catalog does not know, ordered.</summary>
    public static ImmutableArray<string> Unknown<T>(Dictionary<string, List<T>> index, AtlasCatalog catalog) =>
        [.. index.Keys.Where(id => catalog.FindTechnique(id) is null).Order(StringComparer.Ordinal)];
}
