namespace AtlasGuard.Formats.Yaml;

/// <summary>What went wrong reading a YAML document.</summary>
public enum YamlProblemKind
{
    /// <summary>Not well-formed YAML.</summary>
    Syntax,

    /// <summary>The document holds nothing.</summary>
    Empty,

    /// <summary>A second document where only one is allowed.</summary>
    MultipleDocuments,

    /// <summary>A construct the reader does not map to JSON (complex keys, merge keys when not expanded, unknown aliases).</summary>
    Unsupported,

    /// <summary>A key repeated in one mapping; the first value is kept.</summary>
    DuplicateKey,

    /// <summary>Nesting deeper than the limit.</summary>
    TooDeep,

    /// <summary>More nodes than the limit once aliases are expanded.</summary>
    TooManyNodes,

    /// <summary>More documents in a stream than the limit.</summary>
    TooManyDocuments,
}

/// <summary>
/// A problem found reading YAML, at a position relative to the text that was read. A fatal problem means no
/// tree was produced; the others leave a usable tree with the offending part skipped.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="At">Where.</param>
/// <param name="Message">A sentence for the user.</param>
/// <param name="Hint">What to do about it, when there is something to say.</param>
/// <param name="Fatal">Whether reading stopped.</param>
public sealed record YamlProblem(YamlProblemKind Kind, YamlMark At, string Message, string? Hint, bool Fatal);
