namespace AtlasGuard.ThreatModel.Loading;

/// <summary>The stable codes of <see cref="ThreatModelDiagnostic"/>; docs/threat-model.md explains each.</summary>
public static class DiagnosticCodes
{
    /// <summary>The file could not be read, or the YAML is malformed.</summary>
    public const string YamlSyntax = "TM001";

    /// <summary>The document is larger than the size limit.</summary>
    public const string TooLarge = "TM002";

    /// <summary>A mapping has the same key twice.</summary>
    public const string DuplicateKey = "TM003";

    /// <summary>The document nests deeper than the limit.</summary>
    public const string TooDeep = "TM004";

    /// <summary>The document has more nodes than the limit, counting alias expansions.</summary>
    public const string TooManyNodes = "TM005";

    /// <summary>A YAML feature the format does not allow: several documents, complex keys, merge keys, unknown aliases.</summary>
    public const string UnsupportedYaml = "TM006";

    /// <summary>The document is empty or its top level is not a mapping.</summary>
    public const string NotAMapping = "TM007";

    /// <summary>apiVersion or kind is missing or not one this version reads.</summary>
    public const string WrongKind = "TM010";

    /// <summary>A required property is missing.</summary>
    public const string MissingProperty = "TM011";

    /// <summary>A property the format does not define.</summary>
    public const string UnknownProperty = "TM012";

    /// <summary>A value outside the allowed set (an enum).</summary>
    public const string NotAllowedValue = "TM013";

    /// <summary>A value of the wrong type (a string where a boolean belongs, ...).</summary>
    public const string WrongType = "TM014";

    /// <summary>Any other schema constraint: a pattern, a range, a length, a duplicate in a list.</summary>
    public const string ConstraintViolated = "TM015";

    /// <summary>Two entries of one section share an id.</summary>
    public const string DuplicateId = "TM020";

    /// <summary>A reference to an id that no entry has.</summary>
    public const string UnresolvedReference = "TM021";

    /// <summary>A reference to an entry of the wrong kind, or a property on a component that cannot have it.</summary>
    public const string WrongReferenceKind = "TM022";

    /// <summary>A profile reference (<c>use</c>) names no built-in or loaded profile.</summary>
    public const string UnknownProfile = "TM023";

    /// <summary>An inline profile has the id of a built-in or loaded profile and hides it.</summary>
    public const string ProfileShadowed = "TM024";

    /// <summary>A questionable combination: PII in public data, an endpoint that serves no model, ...</summary>
    public const string Inconsistent = "TM025";

    /// <summary>A component source that is not a relative repository path: absolute, with <c>..</c>, or with backslashes.</summary>
    public const string BadSource = "TM026";

    /// <summary>An ATLAS mitigation id the catalog does not know.</summary>
    public const string UnknownMitigation = "TM030";

    /// <summary>An ATLAS technique id the catalog does not know.</summary>
    public const string UnknownTechnique = "TM031";

    /// <summary>The document was written against another ATLAS release than the catalog in use.</summary>
    public const string AtlasVersionMismatch = "TM032";

    /// <summary>A risk-tracking date that is not a calendar date, or an expiry before the decision.</summary>
    public const string BadDate = "TM040";
}
