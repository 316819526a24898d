using System.Collections.Immutable;
using System.Text.Json;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Paths;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>The aggregates, paths and risk decisions of the threat-model JSON.</summary>
internal static class ThreatModelJsonParts
{
    public static void WriteAggregates(Utf8JsonWriter w, ThreatAggregates aggregates)
    {
        w.WriteStartObject("aggregates");
        Write(w, "byPhase", aggregates.ByPhase);
        Write(w, "byTactic", aggregates.ByTactic);
        Write(w, "byComponent", aggregates.ByComponent);
        w.WriteEndObject();
    }

    public static void WritePaths(Utf8JsonWriter w, ImmutableArray<AttackPath> paths)
    {
        w.WriteStartArray("paths");
        foreach (var p in paths)
        {
            w.WriteStartObject();
            w.WriteString("attackerId", p.AttackerId);
            w.WriteNumber("risk", p.Risk);
            w.WriteStartArray("steps");
            foreach (var s in p.Steps)
            {
                w.WriteStartObject();
                w.WriteString("threat", s.ThreatKey);
                w.WriteString("ruleId", s.RuleId);
                w.WriteString("componentId", s.ComponentId);
                w.WriteString("tactic", s.TacticId);
                w.WriteString("technique", s.TechniqueId);
                w.WriteNumber("risk", s.Risk);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("similarCaseStudies");
            foreach (var c in p.SimilarCaseStudies)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("name", c.Name);
                w.WriteStringArray("sharedTechniques", c.SharedTechniques);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteExpired(Utf8JsonWriter w, ImmutableArray<RiskTrackingEntry> expired)
    {
        w.WriteStartArray("expiredDecisions");
        foreach (var e in expired)
        {
            WriteDecision(w, e, expired: true);
        }

        w.WriteEndArray();
    }

    public static void WriteDecision(Utf8JsonWriter w, RiskTrackingEntry e, bool expired)
    {
        w.WriteStartObject();
        w.WriteString("threat", e.Threat);
        w.WriteString("status", e.Status.ToWireName());
        w.WriteString("owner", e.Owner);
        w.WriteString("date", ThreatModelJsonWriter.Date(e.Date));
        w.WriteString("expires", e.Expires is { } x ? ThreatModelJsonWriter.Date(x) : null);
        w.WriteString("ticket", e.Ticket);
        w.WriteString("justification", e.Justification);
        w.WriteBoolean("expired", expired);
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, string name, ImmutableArray<RiskAggregate> groups)
    {
        w.WriteStartArray(name);
        foreach (var g in groups)
        {
            w.WriteStartObject();
            w.WriteString("key", g.Key);
            w.WriteNumber("threats", g.Threats);
            w.WriteNumber("open", g.Open);
            w.WriteNumber("maxRisk", g.MaxRisk);
            w.WriteString("maxBand", ThreatModelSummary.BandName(g.MaxBand));
            w.WriteNumber("totalRisk", g.TotalRisk);
            w.WriteNumber("totalResidualRisk", g.TotalResidualRisk);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
