using System.Text;
using System.Text.Json;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Reporting.Sarif;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Rules;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>A threat rule as a SARIF <c>reportingDescriptor</c>: title, rationale, help with the ATLAS mitigations and precedents.</summary>
internal static class ThreatModelSarifRules
{
    public static void Write(Utf8JsonWriter w, ThreatRule rule, AtlasCatalog catalog, SarifAtlasTaxonomy taxonomy)
    {
        w.WriteStartObject();
        w.WriteString("id", rule.Id);
        SarifReportWriter.WriteMessage(w, "shortDescription", rule.Title);
        SarifReportWriter.WriteMessage(w, "fullDescription", rule.Rationale);
        w.WriteStartObject("help");
        w.WriteString("text", Help(rule, catalog, markdown: false));
        w.WriteString("markdown", Help(rule, catalog, markdown: true));
        w.WriteEndObject();
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", "warning");
        w.WriteEndObject();
        SarifReportWriter.WriteRelationships(w, rule.Techniques, taxonomy);

        w.WriteStartObject("properties");
        w.WriteStringArray("tags", new[] { "security", "mlops", "threat-model", "phase:" + rule.Phase.ToWireName() }
            .Concat(rule.Techniques).Distinct(StringComparer.Ordinal).Take(20));
        w.WriteString("phase", rule.Phase.ToWireName());
        w.WriteStringArray("targets", rule.Targets.Select(t => t.ToWireName()));
        w.WriteStringArray("atlasTechniques", rule.Techniques);
        w.WriteStringArray("atlasMitigations", rule.Mitigations);
        w.WriteStringArray("precedents", rule.Precedents);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Help(ThreatRule rule, AtlasCatalog catalog, bool markdown)
    {
        var text = new StringBuilder();
        text.Append(rule.Title).Append(". ").Append(rule.Rationale);
        text.Append(markdown ? "\n\n**Mitigations** (declare a control that implements one on the component):\n" : " Mitigations: ");
        for (var i = 0; i < rule.Mitigations.Length; i++)
        {
            var id = rule.Mitigations[i];
            var name = catalog.FindMitigation(id)?.Name ?? id;
            text.Append(markdown ? $"\n- `{id}` {name}" : (i == 0 ? "" : "; ") + id + " " + name);
        }

        if (!rule.Precedents.IsEmpty)
        {
            text.Append(markdown ? "\n\n**Precedents:** " : ". Precedents: ");
            text.AppendJoin(", ", rule.Precedents.Select(id => catalog.FindCaseStudy(id) is { } c ? $"{id} {c.Name}" : id));
        }

        text.Append(markdown ? "\n" : ".");
        return text.ToString();
    }
}
