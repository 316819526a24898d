using System.Globalization;
using System.Text.Json;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Reporting.Sarif;

/// <summary>
/// SARIF 2.1.0 ready for GitHub code scanning: every rule with help and <c>security-severity</c>, relative
/// URIs under <c>%SRCROOT%</c>, archive members as the outer file plus <c>properties.innerPath</c>, ATLAS as
/// a taxonomy (<see cref="SarifAtlasTaxonomy"/>, names from <see cref="ReportContext.Catalog"/>) with rule
/// relationships and tags, and <c>partialFingerprints</c>.
/// </summary>
internal sealed class SarifReportWriter : IReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SrcRoot = "%SRCROOT%";

    public string Format => "sarif";

    public string FileExtension => ".sarif";

    public async Task WriteAsync(ScanResult result, ReportContext context, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Rules.Length; i++)
        {
            ruleIndex[result.Rules[i].Id] = i;
        }

        var taxonomy = SarifAtlasTaxonomy.Build(result.Rules, context.Catalog);

        await using var w = JsonOutput.CreateWriter(output);
        w.WriteStartObject();
        w.WriteString("$schema", SchemaUri);
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        WriteTool(w, result, context, taxonomy);
        taxonomy.Write(w);
        w.WriteStartObject("automationDetails");
        w.WriteString("id", "atlasguard/scan/");
        w.WriteEndObject();
        w.WriteString("columnKind", "unicodeCodePoints");
        w.WriteStartArray("results");
        foreach (var f in result.Findings)
        {
            WriteResult(w, f, ruleIndex);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    public static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "1.0",
    };

    private static void WriteTool(Utf8JsonWriter w, ScanResult result, ReportContext context, SarifAtlasTaxonomy taxonomy)
    {
        WriteDriverStart(w, context.ToolVersion);
        w.WriteStartArray("rules");
        foreach (var rule in result.Rules)
        {
            WriteRule(w, rule, taxonomy);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Writes a rule's <c>relationships</c> to its ATLAS techniques (nothing for a rule without any).</summary>
    public static void WriteRelationships(Utf8JsonWriter w, IReadOnlyCollection<string> techniques, SarifAtlasTaxonomy taxonomy)
    {
        if (techniques.Count == 0)
        {
            return;
        }

        w.WriteStartArray("relationships");
        foreach (var t in techniques)
        {
            // "relevant": a rule finds evidence of a technique; it is neither a subset nor a superset of it.
            taxonomy.WriteReference(w, t, "relevant");
        }

        w.WriteEndArray();
    }

    /// <summary>Opens <c>tool</c> and <c>driver</c> and writes AtlasGuard's name, version and the ATLAS taxonomy it supports.</summary>
    public static void WriteDriverStart(Utf8JsonWriter w, string toolVersion)
    {
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", ToolInfo.Name);
        w.WriteString("semanticVersion", toolVersion);
        w.WriteString("version", toolVersion);
        w.WriteString("informationUri", ToolInfo.InformationUri);
        w.WriteStartArray("supportedTaxonomies");
        w.WriteStartObject();
        w.WriteString("name", SarifAtlasTaxonomy.Name);
        w.WriteNumber("index", SarifAtlasTaxonomy.Index);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteRule(Utf8JsonWriter w, RuleDescriptor rule, SarifAtlasTaxonomy taxonomy)
    {
        w.WriteStartObject();
        w.WriteString("id", rule.Id);
        w.WriteString("name", rule.Name);
        WriteMessage(w, "shortDescription", rule.ShortDescription);
        WriteMessage(w, "fullDescription", rule.FullDescription);
        w.WriteStartObject("help");
        w.WriteString("text", rule.FullDescription + " " + rule.Remediation);
        w.WriteString("markdown", rule.HelpMarkdown);
        w.WriteEndObject();
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", Level(rule.DefaultSeverity));
        w.WriteEndObject();
        WriteRelationships(w, rule.Techniques, taxonomy);
        w.WriteStartObject("properties");
        w.WriteStringArray("tags", Tags(rule));
        w.WriteString("precision", rule.Confidence switch
        {
            Confidence.High => "high",
            Confidence.Medium => "medium",
            _ => "low",
        });
        w.WriteString("security-severity", SecuritySeverity(rule.DefaultSeverity));
        w.WriteString("phase", rule.Phase.ToWireName());
        w.WriteStringArray("atlasTechniques", rule.Techniques);
        w.WriteStringArray("atlasMitigations", rule.Mitigations);
        w.WriteNumber("version", rule.Version);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static IEnumerable<string> Tags(RuleDescriptor rule) =>
        new[] { "security", "mlops", "phase:" + rule.Phase.ToWireName() }
            .Concat(rule.Tags)
            .Concat(rule.Techniques)
            .Distinct(StringComparer.Ordinal)
            .Take(20);

    private static void WriteResult(Utf8JsonWriter w, Finding f, Dictionary<string, int> ruleIndex)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        if (ruleIndex.TryGetValue(f.RuleId, out var index))
        {
            w.WriteNumber("ruleIndex", index);
        }

        w.WriteString("level", Level(f.Severity));
        WriteMessage(w, "message", f.Evidence is null ? f.Message : f.Message + " Evidence: " + f.Evidence);
        WriteLocations(w, f.Location.Path, f.Location.Line ?? 1, f.Location.Column, f.Location.InnerPath is null ? f.Location.ByteOffset : null);
        WriteFingerprints(w, "atlasguard/v1", f.Fingerprint);
        w.WriteStartObject("properties");
        if (f.Location.InnerPath is { } inner)
        {
            w.WriteString("innerPath", inner);
            if (f.Location.ByteOffset is { } innerOffset)
            {
                w.WriteNumber("innerByteOffset", innerOffset);
            }
        }

        w.WriteString("severity", f.Severity.ToWireName());
        w.WriteString("security-severity", SecuritySeverity(f.Severity));
        w.WriteString("phase", f.Phase.ToWireName());
        if (f.Evidence is { } evidence)
        {
            w.WriteString("evidence", evidence);
        }

        w.WriteStringArray("tags", new[] { "phase:" + f.Phase.ToWireName() }.Concat(f.Techniques));
        w.WriteStringArray("atlasMitigations", f.Mitigations);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Writes <c>locations</c>: one physical location, the path relative to <c>%SRCROOT%</c>, the line and optionally column and byte offset.</summary>
    public static void WriteLocations(Utf8JsonWriter w, string path, int line, int? column, long? byteOffset)
    {
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", EscapeUri(path));
        w.WriteString("uriBaseId", SrcRoot);
        w.WriteEndObject();
        w.WriteStartObject("region");
        w.WriteNumber("startLine", line);
        if (column is { } c)
        {
            w.WriteNumber("startColumn", c);
        }

        if (byteOffset is { } offset)
        {
            w.WriteNumber("byteOffset", offset);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>Writes <c>partialFingerprints</c>: our own under <paramref name="name"/>, and a line hash made from it so GitHub need not compute one.</summary>
    public static void WriteFingerprints(Utf8JsonWriter w, string name, string fingerprint)
    {
        w.WriteStartObject("partialFingerprints");
        w.WriteString("primaryLocationLineHash", fingerprint[..16] + ":1");
        w.WriteString(name, fingerprint);
        w.WriteEndObject();
    }

    public static void WriteMessage(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    public static string EscapeUri(string path)
    {
        var parts = path.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Uri.EscapeDataString(parts[i]);
        }

        return string.Join('/', parts).ToString(CultureInfo.InvariantCulture);
    }
}
