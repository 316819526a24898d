using System.Collections.Immutable;

namespace AtlasGuard.Formats.Templates;

/// <summary>What <see cref="TemplateAnalyzer"/> found in one template.</summary>
public sealed record TemplateAnalysis
{
    /// <summary>The dangerous constructs, in template order, one per kind and name.</summary>
    public ImmutableArray<TemplateConstruct> Constructs { get; init; } = [];

    /// <summary>Number of <c>{{ }}</c> and <c>{% %}</c> blocks.</summary>
    public int CodeBlocks { get; init; }

    /// <summary>True when the token limit stopped the analysis before the end of the template.</summary>
    public bool Truncated { get; init; }

    /// <summary>True when at least one construct is a sandbox escape.</summary>
    public bool HasEscape => Constructs.Any(c => c.Risk == TemplateRisk.Escape);

    /// <summary>True when nothing was found.</summary>
    public bool IsClean => Constructs.IsEmpty;
}
