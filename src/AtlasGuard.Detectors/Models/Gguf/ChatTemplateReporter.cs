using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Formats.Templates;

namespace AtlasGuard.Detectors.Models.Gguf;

/// <summary>Policy over <see cref="TemplateAnalyzer"/>: a sandbox escape is AG-MDL-020, anything else it finds is AG-MDL-021.</summary>
internal static class ChatTemplateReporter
{
    /// <summary>Templates longer than this are abnormal (real chat templates are a few kilobytes; tool-calling ones reach tens).</summary>
    public const int AbnormalTemplateLength = 256 * 1024;

    private const int ListedConstructs = 6;

    /// <summary>Analyses one template found under <paramref name="source"/> (a metadata key or JSON path) and reports what it finds.
    /// Line numbers go into the location only when the template is the whole file.</summary>
    public static void Report(string template, string source, ArtifactLocation location, IFindingSink sink, bool templateIsWholeFile = false)
    {
        var analysis = TemplateAnalyzer.Analyze(template);
        if (analysis.Truncated)
        {
            sink.Report(GgufRules.GgufAbnormalMetadata.CreateFinding(location,
                $"The chat template in {source} is too large to analyse completely ({template.Length} characters).", key: "template-truncated:" + source));
        }

        if (analysis.IsClean)
        {
            return;
        }

        var escapes = analysis.Constructs.Where(c => c.Risk == TemplateRisk.Escape).ToList();
        var rule = escapes.Count > 0 ? GgufRules.TemplateEscapesSandbox : GgufRules.TemplateSuspicious;
        var shown = escapes.Count > 0 ? escapes : [.. analysis.Constructs];
        var first = shown[0];
        var names = string.Join(", ", shown.Take(ListedConstructs).Select(Describe));
        var more = shown.Count > ListedConstructs ? $" and {shown.Count - ListedConstructs} more" : string.Empty;
        var message = escapes.Count > 0
            ? $"The chat template in {source} reaches Python internals from inside the template ({names}{more}); rendering it without a sandbox runs code (CVE-2024-34359)."
            : $"The chat template in {source} uses constructs no chat template needs ({names}{more}).";
        sink.Report(rule.CreateFinding(templateIsWholeFile ? location.AtLine(first.Line) : location, message, key: source,
            evidence: $"{source} line {first.Line}: {first.Excerpt}"));
    }

    private static string Describe(TemplateConstruct c) => c.Kind switch
    {
        TemplateConstructKind.DunderAttribute => "." + c.Name,
        TemplateConstructKind.DunderString => $"'{c.Name}' as a string",
        TemplateConstructKind.ConstructedName => $"{c.Name} assembled from pieces",
        TemplateConstructKind.EscapedIdentifierCharacter => $"escaped identifier characters {c.Name}",
        TemplateConstructKind.DangerousAttribute => "." + c.Name,
        TemplateConstructKind.GadgetGlobal => $"global {c.Name}",
        TemplateConstructKind.DangerousCall => c.Name + ")",
        TemplateConstructKind.AttrFilter => "|attr()",
        TemplateConstructKind.TemplateLoading => $"{{% {c.Name} %}}",
        _ => "%c character codes",
    };
}
