namespace AtlasGuard.ThreatModel.Rules;

/// <summary>Diagnostic codes of the threat-rules loader (TR001..TR015), listed in docs/threat-model-rules.md.</summary>
public static class RuleDiagnosticCodes
{
    /// <summary>The YAML cannot be read or the top level is wrong (apiVersion, kind, rules).</summary>
    public const string Structure = "TR001";

    /// <summary>A key the format does not define.</summary>
    public const string UnknownKey = "TR002";

    /// <summary>A required key is absent.</summary>
    public const string MissingKey = "TR003";

    /// <summary>A value of the wrong type or shape.</summary>
    public const string BadValue = "TR004";

    /// <summary>A rule id that is not <c>TM-AREA-NNN</c>.</summary>
    public const string BadId = "TR005";

    /// <summary>Two rules with one id.</summary>
    public const string DuplicateId = "TR006";

    /// <summary>An ATLAS technique the catalog does not have.</summary>
    public const string UnknownTechnique = "TR007";

    /// <summary>An ATLAS mitigation the catalog does not have.</summary>
    public const string UnknownMitigation = "TR008";

    /// <summary>An ATLAS case study the catalog does not have.</summary>
    public const string UnknownCaseStudy = "TR009";

    /// <summary>A target that is not a component type.</summary>
    public const string UnknownTarget = "TR010";

    /// <summary>A phase that is not one of ours.</summary>
    public const string UnknownPhase = "TR011";

    /// <summary>An expression that does not parse.</summary>
    public const string ExpressionSyntax = "TR012";

    /// <summary>An expression that names a property, root or function the vocabulary does not have.</summary>
    public const string ExpressionVocabulary = "TR013";

    /// <summary>A likelihood base outside 1..4.</summary>
    public const string LikelihoodRange = "TR014";
}
