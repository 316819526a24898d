using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AtlasGuard.Reporting.Sarif;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Scoring;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// SARIF 2.1.0 of a threat model, in the scan SARIF's form (<see cref="SarifReportWriter"/>: the same driver, ATLAS
/// taxonomy, locations under <c>%SRCROOT%</c> and fingerprints). One result per applicable threat that declared controls
/// do not mitigate, at the line of its component in the model file, level and <c>security-severity</c> from its risk band.
/// A threat an honoured risk decision settles (accepted, mitigated by means the model does not show, false positive)
/// is kept as a result with an external suppression carrying the decision; mitigated threats and threats that need
/// information are left out. The rules are the threat rules (<c>TM-*</c>) with their rationale and mitigations as help.
/// </summary>
public static class ThreatModelSarifWriter
{
    /// <summary>The name of the fingerprint that identifies a threat across runs (a hash of its key).</summary>
    public const string FingerprintName = "atlasguard/threat/v1";

    /// <summary>Writes the SARIF log of <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(ThreatModelReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var rules = report.Rules.Rules;
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var taxonomy = SarifAtlasTaxonomy.Build(rules.SelectMany(r => r.Techniques), report.Catalog);
        var modelPath = report.ModelPath;

        using var w = JsonOutput.CreateWriter(output);
        w.WriteStartObject();
        w.WriteString("$schema", SarifReportWriter.SchemaUri);
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        SarifReportWriter.WriteDriverStart(w, report.ToolVersion);
        w.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            ThreatModelSarifRules.Write(w, rule, report.Catalog, taxonomy);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        taxonomy.Write(w);
        w.WriteStartObject("automationDetails");
        w.WriteString("id", "atlasguard/threat-model/" + report.Result.ModelName + "/");
        w.WriteEndObject();
        w.WriteString("columnKind", "unicodeCodePoints");
        w.WriteStartArray("results");
        foreach (var threat in report.Result.Threats.Where(Reported))
        {
            WriteResult(w, report, threat, modelPath, ruleIndex);
        }

        w.WriteEndArray();
        w.WriteStartObject("properties");
        w.WriteString("model", report.Result.ModelName);
        w.WriteString("modelFile", modelPath);
        w.WriteStringArray("attackerProfiles", report.Model.AttackerProfiles.Select(p => p.Id));
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Whether a threat becomes a result: it applies and declared controls do not mitigate it.</summary>
    public static bool Reported(Threat threat)
    {
        ArgumentNullException.ThrowIfNull(threat);
        return threat.Applicability == Applicability.Applies && threat.Mitigation != MitigationStatus.Mitigated;
    }

    /// <summary>The SARIF level of a band: critical and high are errors, medium a warning, low a note.</summary>
    public static string Level(RiskBand band) => SarifReportWriter.Level(ThreatModelReport.AsSeverity(band));

    /// <summary>The threat's stable fingerprint: SHA-256 of its key (<c>RULE@COMPONENT@PROFILE</c>), lower-case hex.</summary>
    public static string Fingerprint(Threat threat)
    {
        ArgumentNullException.ThrowIfNull(threat);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(threat.Key)));
    }

    private static void WriteResult(Utf8JsonWriter w, ThreatModelReport report, Threat t, string modelPath, Dictionary<string, int> ruleIndex)
    {
        var band = ThreatModelSummary.BandName(t.Score.Band);
        w.WriteStartObject();
        w.WriteString("ruleId", t.RuleId);
        if (ruleIndex.TryGetValue(t.RuleId, out var index))
        {
            w.WriteNumber("ruleIndex", index);
        }

        w.WriteString("level", Level(t.Score.Band));
        SarifReportWriter.WriteMessage(w, "message", Message(t));
        var position = report.PositionOf(t.ComponentId);
        SarifReportWriter.WriteLocations(w, modelPath, Math.Max(1, position.Line), position.Column > 0 ? position.Column : null, null);
        SarifReportWriter.WriteFingerprints(w, FingerprintName, Fingerprint(t));
        if (t.Tracking is { Honoured: true } decision)
        {
            var e = decision.Entry;
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", "external");
            w.WriteString("status", "accepted");
            w.WriteString("justification", string.Create(CultureInfo.InvariantCulture,
                $"{e.Status.ToWireName()} by {e.Owner} on {ThreatModelJsonWriter.Date(e.Date)}{(e.Ticket is null ? "" : " (" + e.Ticket + ")")}: {e.Justification}"));
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteStartObject("properties");
        w.WriteString("threat", t.Key);
        w.WriteString("component", t.ComponentId);
        w.WriteString("attacker", t.AttackerId);
        w.WriteString("phase", t.Phase.ToWireName());
        w.WriteNumber("likelihood", t.Score.Likelihood);
        w.WriteNumber("impact", t.Score.Impact);
        w.WriteNumber("risk", t.Score.Risk);
        w.WriteString("band", band);
        w.WriteNumber("residualRisk", t.Score.ResidualRisk);
        w.WriteString("mitigation", t.Mitigation.ToWireName());
        w.WriteBoolean("observed", t.Observed);
        if (t.Tracking is { Expired: true } expired)
        {
            w.WriteString("expiredDecision", expired.Entry.Status.ToWireName() + " until " + (expired.Entry.Expires is { } x ? ThreatModelJsonWriter.Date(x) : ""));
        }

        w.WriteString("security-severity", SarifReportWriter.SecuritySeverity(ThreatModelReport.AsSeverity(t.Score.Band)));
        w.WriteStringArray("tags", new[] { "threat-model", "phase:" + t.Phase.ToWireName() }.Concat(t.Techniques));
        w.WriteStringArray("atlasMitigationsMissing", t.ControlsMissing);
        w.WriteStringArray("atlasMitigationsPlanned", t.ControlsPlanned);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Message(Threat t)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{t.Title}: component '{t.ComponentId}' ({t.Phase.ToWireName()}), attacker '{t.AttackerId}'. Risk {t.Score.Likelihood} x {t.Score.Impact} = {t.Score.Risk} ({ThreatModelSummary.BandName(t.Score.Band)}). ");
        text.Append(t.Mitigation == MitigationStatus.Planned ? "Mitigation planned, not in place" : "No declared control mitigates it");
        if (!t.ControlsMissing.IsEmpty)
        {
            text.Append("; lacks ").AppendJoin(", ", t.ControlsMissing);
        }

        text.Append('.');
        if (t.Observed)
        {
            text.Append(CultureInfo.InvariantCulture, $" Observed: {t.SupportingFindings.Length} scan finding(s) on the component support it ({t.SupportingFindings[0].RuleId} in {t.SupportingFindings[0].DisplayLocation}).");
        }

        return text.ToString();
    }
}
