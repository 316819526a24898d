using System.Collections.Immutable;

namespace AtlasGuard.ThreatModel.Discovery;

/// <summary>
/// A drafted pipeline model: the YAML text (valid against the threat-model schema, with a TODO comment next to
/// everything the files do not show), the evidence behind each drafted element, the questions the user must
/// answer to complete it, and notes on files that could not be read.
/// </summary>
/// <param name="Yaml">The draft document.</param>
/// <param name="Evidence">What each drafted element rests on, sorted by element then location.</param>
/// <param name="Questions">What the draft leaves for the user, sorted by element then field.</param>
/// <param name="Notes">Files skipped or not understood, sorted by path.</param>
/// <param name="FilesExamined">How many files the walk listed.</param>
public sealed record DiscoveryResult(
    string Yaml,
    ImmutableArray<DiscoveryEvidence> Evidence,
    ImmutableArray<DiscoveryQuestion> Questions,
    ImmutableArray<DiscoveryNote> Notes,
    int FilesExamined)
{
    /// <summary>True when nothing was recognised: the YAML then has no components and does not validate.</summary>
    public bool IsEmpty { get; init; }
}

/// <summary>One fact behind a drafted element.</summary>
/// <param name="Element">The element: a component, model asset or flow id, or <c>metadata</c>.</param>
/// <param name="Path">File relative to the repository root, forward slashes.</param>
/// <param name="Line">1-based line, or 0 when the fact concerns the whole file.</param>
/// <param name="Fact">What the file shows, e.g. <c>port 8265 published on all host interfaces</c>.</param>
public sealed record DiscoveryEvidence(string Element, string Path, int Line, string Fact)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Path}:{Line}: {Fact}" : $"{Path}: {Fact}";
}

/// <summary>Something the user must answer because the files do not say.</summary>
/// <param name="Element">The element it concerns.</param>
/// <param name="Field">The field or property, e.g. <c>props.auth</c>.</param>
/// <param name="Question">The question in words.</param>
public sealed record DiscoveryQuestion(string Element, string Field, string Question);

/// <summary>A file discovery skipped or could not understand; discovery went on.</summary>
/// <param name="Path">File relative to the repository root.</param>
/// <param name="Line">1-based line, or 0.</param>
/// <param name="Message">What happened.</param>
public sealed record DiscoveryNote(string Path, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Path}:{Line}: {Message}" : $"{Path}: {Message}";
}
