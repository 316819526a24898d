namespace AtlasGuard.Formats.Archives;

/// <summary>What kind of problem an archive parser met.</summary>
public enum ArchiveProblemKind
{
    /// <summary>Structure damaged or truncated: a record is missing, a field points outside the file.</summary>
    Damaged = 0,

    /// <summary>More members than the caller allows, or a member count the archive cannot possibly hold.</summary>
    LimitExceeded = 1,

    /// <summary>Member data ranges overlap (the construction behind non-recursive zip bombs).</summary>
    OverlappingData = 2,
}

/// <summary>A structured problem found while reading an archive. Parsers collect these rather than throwing.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Message">A one-line description.</param>
/// <param name="EntryName">The member it concerns, or null for the archive as a whole.</param>
/// <param name="Offset">The byte offset in the archive where it was found, when meaningful.</param>
public sealed record ArchiveProblem(ArchiveProblemKind Kind, string Message, string? EntryName = null, long? Offset = null);
