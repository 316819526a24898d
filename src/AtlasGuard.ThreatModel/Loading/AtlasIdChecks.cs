using System.Globalization;
using System.Text.Json.Nodes;
using AtlasGuard.Core.Atlas;
using static AtlasGuard.ThreatModel.Loading.Json;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>ATLAS ids against the catalog, the ATLAS version, and the risk-tracking section.</summary>
internal static class AtlasIdChecks
{
    public static void Run(CheckContext c, AtlasCatalog catalog, IReadOnlyCollection<string> profileIds)
    {
        if (Str(c.Root["metadata"], "atlas_version") is { } version && version != catalog.Version)
        {
            c.Warning("/metadata/atlas_version", DiagnosticCodes.AtlasVersionMismatch,
                $"The document was written against ATLAS {version}; the catalog in use is {catalog.Version}.",
                "Review the ATLAS ids, then update atlas_version.");
        }

        var mitigationIds = catalog.Mitigations.Select(m => m.Id).ToList();
        foreach (var (node, pointer) in Items(c.Root, "controls"))
        {
            var ids = node["implements"] as JsonArray ?? [];
            for (var i = 0; i < ids.Count; i++)
            {
                var id = ids[i]!.GetValue<string>();
                if (catalog.FindMitigation(id) is null)
                {
                    c.Error(SourceMap.Child(pointer + "/implements", i), DiagnosticCodes.UnknownMitigation,
                        $"ATLAS {catalog.Version} has no mitigation {id}.", Suggestions.DidYouMean(id, mitigationIds) ?? "List them with 'atlasguard atlas mitigations'.");
                }
            }
        }

        foreach (var (node, pointer) in Items(c.Root, "risk_tracking"))
        {
            RiskEntry(c, catalog, node, pointer, profileIds);
        }
    }

    private static void RiskEntry(CheckContext c, AtlasCatalog catalog, JsonObject node, string pointer, IReadOnlyCollection<string> profileIds)
    {
        var parts = Str(node, "threat")!.Split('@');
        var threat = parts[0];
        if (threat.StartsWith("AML.", StringComparison.Ordinal) && !threat.Contains('*', StringComparison.Ordinal) && catalog.FindTechnique(threat) is null)
        {
            c.Error(pointer + "/threat", DiagnosticCodes.UnknownTechnique, $"ATLAS {catalog.Version} has no technique {threat}.",
                Suggestions.DidYouMean(threat, catalog.Techniques.Select(t => t.Id)) ?? "Name a technique (AML.Txxxx) or a rule id.");
        }

        if (!parts[1].Contains('*', StringComparison.Ordinal))
        {
            c.Reference(pointer + "/threat", parts[1], "components", "component");
        }

        if (parts.Length > 2 && !parts[2].Contains('*', StringComparison.Ordinal) && !profileIds.Contains(parts[2]))
        {
            c.Error(pointer + "/threat", DiagnosticCodes.UnresolvedReference, $"'{parts[2]}' is not one of the document's attacker profiles.",
                Suggestions.DidYouMean(parts[2], profileIds) ?? "Use '*' for any profile.");
        }

        var date = ParseDate(c, pointer + "/date", Str(node, "date"));
        var expires = ParseDate(c, pointer + "/expires", Str(node, "expires"));
        if (date is { } d && expires is { } e && e < d)
        {
            c.Error(pointer + "/expires", DiagnosticCodes.BadDate, $"The decision expires ({e:yyyy-MM-dd}) before it was taken ({d:yyyy-MM-dd}).", null);
        }
    }

    private static DateOnly? ParseDate(CheckContext c, string pointer, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        c.Error(pointer, DiagnosticCodes.BadDate, $"'{text}' is not a calendar date.", "Write YYYY-MM-DD, e.g. 2026-11-26.");
        return null;
    }
}
