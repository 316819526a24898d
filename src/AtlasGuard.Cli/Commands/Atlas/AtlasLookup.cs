using System.Globalization;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Text;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary>Case-insensitive lookups by id for the <c>atlas</c> commands, and "did you mean" suggestions for misses.</summary>
internal static class AtlasLookup
{
    public static AtlasTechnique? Technique(AtlasCatalog catalog, string id) => catalog.FindTechnique(Normalize(id));

    public static AtlasMitigation? Mitigation(AtlasCatalog catalog, string id) => catalog.FindMitigation(Normalize(id));

    public static AtlasCaseStudy? CaseStudy(AtlasCatalog catalog, string id) => catalog.FindCaseStudy(Normalize(id));

    /// <summary>A tactic by id, name or Navigator short name, case-insensitively.</summary>
    public static AtlasTactic? Tactic(AtlasCatalog catalog, string text)
    {
        var t = text.Trim();
        return catalog.Tactics.FirstOrDefault(x =>
            x.Id.Equals(t, StringComparison.OrdinalIgnoreCase)
            || x.Name.Equals(t, StringComparison.OrdinalIgnoreCase)
            || x.ShortName.Equals(t, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// "Unknown technique 'X'." followed by up to three of the closest entries (by edit distance to the id or the
    /// name, or a name containing the text) and a pointer to <c>atlas search</c>.
    /// </summary>
    public static string UnknownMessage(string kind, string text, IEnumerable<(string Id, string Name)> entries)
    {
        var query = text.Trim();
        var close = entries
            .Select(e => (e.Id, e.Name, Score: Score(query, e.Id, e.Name)))
            .Where(e => e.Score <= Math.Max(2, query.Length / 3))
            .OrderBy(e => e.Score)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .Take(3)
            .Select(e => $"{e.Id} ({e.Name})")
            .ToList();
        var message = $"Unknown {kind} '{query}'.";
        if (close.Count > 0)
        {
            message += " Did you mean " + string.Join(", ", close) + "?";
        }

        return message + $" Try: atlasguard atlas search \"{query}\".";
    }

    /// <summary>A case study's date to its precision: 2024, 2024-03 or 2024-03-26.</summary>
    public static string DateOf(AtlasCaseStudy study) => study.Date is not { } d
        ? "-"
        : study.DateGranularity switch
        {
            AtlasDateGranularity.Year => d.Year.ToString(CultureInfo.InvariantCulture),
            AtlasDateGranularity.Month => d.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

    public static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Normalize(string id) => id.Trim().ToUpperInvariant();

    private static int Score(string query, string id, string name)
    {
        if (query.Length >= 3 && name.Contains(query, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var byId = EditDistance.Compute(query, id);
        if (query.Length >= 4 && id.StartsWith(query, StringComparison.OrdinalIgnoreCase))
        {
            byId = Math.Min(byId, 1);
        }

        return Math.Min(byId, EditDistance.Compute(query, name));
    }
}
