using System.Globalization;
using System.Text.Json;
using AtlasGuard.Core.Findings;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Evidence;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// The JSON form of a <see cref="ThreatModelResult"/> (schema: docs/threat-model-result-schema.json): camelCase
/// names, enums as snake_case wire names, every list in the result's order; the same result gives the same bytes.
/// </summary>
public static class ThreatModelJsonWriter
{
    /// <summary>The version of the JSON shape; bumped on any incompatible change.</summary>
    public const string SchemaVersion = "1.0";

    /// <summary>Writes <paramref name="result"/> as JSON to <paramref name="output"/>.</summary>
    public static void Write(ThreatModelResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using var w = JsonOutput.CreateWriter(output);
        var summary = ThreatModelSummary.Of(result);
        w.WriteStartObject();
        w.WriteString("schemaVersion", SchemaVersion);
        w.WriteString("tool", "atlasguard");
        w.WriteString("model", result.ModelName);
        w.WriteString("atlasVersion", result.AtlasVersion);
        WriteSummary(w, summary, result);
        w.WriteStartArray("threats");
        foreach (var t in result.Threats)
        {
            WriteThreat(w, t);
        }

        w.WriteEndArray();
        ThreatModelJsonParts.WriteAggregates(w, result.Aggregates);
        ThreatModelJsonParts.WritePaths(w, result.Paths);
        ThreatModelJsonParts.WriteExpired(w, result.ExpiredDecisions);
        w.WriteStartArray("unplacedFindings");
        foreach (var f in result.UnplacedFindings)
        {
            WriteFinding(w, f);
        }

        w.WriteEndArray();
        w.WriteStartArray("diagnostics");
        foreach (var d in result.Diagnostics)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", d.RuleId);
            w.WriteString("componentId", d.ComponentId);
            w.WriteString("attackerId", d.AttackerId);
            w.WriteString("message", d.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, ThreatModelSummary s, ThreatModelResult result)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("applicable", s.Applicable);
        w.WriteNumber("needsInformation", s.NeedsInformation);
        w.WriteNumber("observed", s.Observed);
        w.WriteNumber("mitigated", s.Mitigated);
        w.WriteNumber("open", s.Open);
        w.WriteNumber("notApplicable", result.NotApplicable);
        w.WriteNumber("scanFindings", result.ScanFindings);
        w.WriteStartObject("openByBand");
        foreach (var (band, count) in s.OpenByBand)
        {
            w.WriteNumber(ThreatModelSummary.BandName(band), count);
        }

        w.WriteEndObject();
        w.WriteStringArray("topRisks", s.TopRisks.Select(t => t.Key));
        w.WriteStartArray("cheapestMitigations");
        foreach (var m in s.CheapestMitigations)
        {
            w.WriteStartObject();
            w.WriteString("mitigation", m.MitigationId);
            w.WriteNumber("residualRisk", m.ResidualRisk);
            w.WriteNumber("threats", m.Threats);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteThreat(Utf8JsonWriter w, Threat t)
    {
        w.WriteStartObject();
        w.WriteString("key", t.Key);
        w.WriteString("ruleId", t.RuleId);
        w.WriteString("title", t.Title);
        w.WriteString("componentId", t.ComponentId);
        w.WriteString("attackerId", t.AttackerId);
        w.WriteString("applicability", t.Applicability.ToWireName());
        w.WriteStringArray("missingPaths", t.MissingPaths);
        w.WriteString("mitigation", t.Mitigation.ToWireName());
        w.WriteBoolean("open", t.IsOpen);
        w.WriteBoolean("observed", t.Observed);
        w.WriteStringArray("controlsPresent", t.ControlsPresent);
        w.WriteStringArray("controlsPlanned", t.ControlsPlanned);
        w.WriteStringArray("controlsMissing", t.ControlsMissing);
        w.WriteStartObject("score");
        w.WriteNumber("likelihood", t.Score.Likelihood);
        w.WriteNumber("impact", t.Score.Impact);
        w.WriteBoolean("impactAssumed", t.Score.ImpactAssumed);
        w.WriteNumber("risk", t.Score.Risk);
        w.WriteString("band", ThreatModelSummary.BandName(t.Score.Band));
        w.WriteNumber("residualRisk", t.Score.ResidualRisk);
        w.WriteString("residualBand", ThreatModelSummary.BandName(t.Score.ResidualBand));
        w.WriteEndObject();
        w.WriteString("phase", t.Phase.ToWireName());
        w.WriteStringArray("techniques", t.Techniques);
        w.WriteStringArray("tactics", t.Tactics);
        w.WriteStringArray("precedents", t.Precedents);
        w.WriteStringArray("evidence", t.Evidence);
        w.WriteStartArray("supportingFindings");
        foreach (var f in t.SupportingFindings)
        {
            WriteFinding(w, f);
        }

        w.WriteEndArray();
        if (t.Tracking is { } tracking)
        {
            w.WritePropertyName("tracking");
            ThreatModelJsonParts.WriteDecision(w, tracking.Entry, tracking.Expired);
        }
        else
        {
            w.WriteNull("tracking");
        }

        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, EvidenceFinding f)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
        w.WriteString("location", f.DisplayLocation);
        w.WriteString("message", f.Message);
        w.WriteStringArray("techniques", f.Techniques);
        w.WriteString("fingerprint", f.Fingerprint);
        w.WriteEndObject();
    }

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
