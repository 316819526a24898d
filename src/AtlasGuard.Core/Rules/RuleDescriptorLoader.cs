using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Core.Rules;

/// <summary>
/// Loads rule descriptors from a JSON document (an array of rules) plus one Markdown help file per rule,
/// both embedded in the assembly that owns the rules. Invalid data fails loudly: it is a build defect.
/// </summary>
public static partial class RuleDescriptorLoader
{
    /// <summary>
    /// Loads the descriptors in <paramref name="jsonResource"/> and their help from resources named
    /// <c>{helpPrefix}{id}.md</c>, all from <paramref name="assembly"/>.
    /// </summary>
    public static ImmutableArray<RuleDescriptor> LoadEmbedded(Assembly assembly, string jsonResource, string helpPrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var json = assembly.GetManifestResourceStream(jsonResource)
            ?? throw new InvalidOperationException($"Rule resource '{jsonResource}' is missing from {assembly.GetName().Name}.");
        return Load(json, id =>
        {
            using var help = assembly.GetManifestResourceStream(helpPrefix + id + ".md");
            if (help is null)
            {
                return null;
            }

            using var reader = new StreamReader(help);
            return reader.ReadToEnd();
        });
    }

    /// <summary>Loads descriptors from a JSON stream; <paramref name="helpFor"/> returns the Markdown help of an id.</summary>
    public static ImmutableArray<RuleDescriptor> Load(Stream json, Func<string, string?> helpFor)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(helpFor);
        var raw = JsonSerializer.Deserialize(json, RuleJsonContext.Default.RuleJsonArray)
            ?? throw new InvalidOperationException("Rule document is empty.");
        var builder = ImmutableArray.CreateBuilder<RuleDescriptor>(raw.Length);
        foreach (var r in raw)
        {
            builder.Add(ToDescriptor(r, helpFor));
        }

        return builder.ToImmutable();
    }

    private static RuleDescriptor ToDescriptor(RuleJson r, Func<string, string?> helpFor)
    {
        var id = Require(r.Id, "id", "?");
        if (!IdPattern().IsMatch(id))
        {
            throw new InvalidOperationException($"Rule id '{id}' does not have the form AG-XXX-000 (a family of two or three capital letters).");
        }

        if (!SeverityNames.TryParse(r.Severity, out var severity))
        {
            throw new InvalidOperationException($"Rule {id}: unknown severity '{r.Severity}'.");
        }

        if (!MlopsPhases.TryParse(r.Phase, out var phase))
        {
            throw new InvalidOperationException($"Rule {id}: unknown phase '{r.Phase}'.");
        }

        var confidence = r.Confidence?.ToUpperInvariant() switch
        {
            null or "HIGH" => Confidence.High,
            "MEDIUM" => Confidence.Medium,
            "LOW" => Confidence.Low,
            _ => throw new InvalidOperationException($"Rule {id}: unknown confidence '{r.Confidence}'."),
        };
        foreach (var t in r.Techniques ?? [])
        {
            if (!TechniquePattern().IsMatch(t))
            {
                throw new InvalidOperationException($"Rule {id}: '{t}' is not an ATLAS technique id.");
            }
        }

        foreach (var m in r.Mitigations ?? [])
        {
            if (!MitigationPattern().IsMatch(m))
            {
                throw new InvalidOperationException($"Rule {id}: '{m}' is not an ATLAS mitigation id.");
            }
        }

        return new RuleDescriptor
        {
            Id = id,
            Name = Require(r.Name, "name", id),
            ShortDescription = Require(r.ShortDescription, "shortDescription", id),
            FullDescription = Require(r.FullDescription, "fullDescription", id),
            DefaultSeverity = severity,
            Confidence = confidence,
            Techniques = [.. r.Techniques ?? []],
            Mitigations = [.. r.Mitigations ?? []],
            Phase = phase,
            Remediation = Require(r.Remediation, "remediation", id),
            HelpMarkdown = helpFor(id) ?? throw new InvalidOperationException($"Rule {id} has no help file."),
            Version = r.Version ?? 1,
            Tags = [.. r.Tags ?? []],
            MustMatch = [.. r.MustMatch ?? []],
            MustNotMatch = [.. r.MustNotMatch ?? []],
        };
    }

    private static string Require(string? value, string field, string id) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"Rule {id}: '{field}' is required.") : value;

    [GeneratedRegex(@"^AG-[A-Z]{2,3}-\d{3}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^AML\.T\d{4}(\.\d{3})?$")]
    private static partial Regex TechniquePattern();

    [GeneratedRegex(@"^AML\.M\d{4}$")]
    private static partial Regex MitigationPattern();
}

internal sealed class RuleJson
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? ShortDescription { get; set; }

    public string? FullDescription { get; set; }

    public string? Severity { get; set; }

    public string? Confidence { get; set; }

    public string[]? Techniques { get; set; }

    public string[]? Mitigations { get; set; }

    public string? Phase { get; set; }

    public string? Remediation { get; set; }

    public int? Version { get; set; }

    public string[]? Tags { get; set; }

    public string[]? MustMatch { get; set; }

    public string[]? MustNotMatch { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RuleJson[]), TypeInfoPropertyName = "RuleJsonArray")]
internal sealed partial class RuleJsonContext : JsonSerializerContext;
