namespace AtlasGuard.Core.Findings;

/// <summary>
/// Where a finding is: a path relative to the scan root (forward slashes), and for archive members the path
/// inside the archive. Nested archive levels in <see cref="InnerPath"/> are joined with <c>!/</c>.
/// </summary>
public sealed record ArtifactLocation
{
    /// <summary>Creates a location.</summary>
    public ArtifactLocation(string path, string? innerPath = null, int? line = null, int? column = null, long? byteOffset = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        InnerPath = string.IsNullOrEmpty(innerPath) ? null : innerPath;
        Line = line;
        Column = column;
        ByteOffset = byteOffset;
    }

    /// <summary>The file's path relative to the scan root, with forward slashes.</summary>
    public string Path { get; }

    /// <summary>The member path inside an archive, or null for a plain file.</summary>
    public string? InnerPath { get; }

    /// <summary>1-based line, where meaningful.</summary>
    public int? Line { get; init; }

    /// <summary>1-based column, where meaningful.</summary>
    public int? Column { get; init; }

    /// <summary>Byte offset inside the file or member, where meaningful.</summary>
    public long? ByteOffset { get; init; }

    /// <summary>The path and inner path as one display string: <c>model.pt!/archive/data.pkl</c>.</summary>
    public string DisplayPath => InnerPath is null ? Path : Path + "!/" + InnerPath;

    /// <summary>A copy pointing at a byte offset.</summary>
    public ArtifactLocation AtOffset(long offset) => this with { ByteOffset = offset };

    /// <summary>A copy pointing at a line and column.</summary>
    public ArtifactLocation AtLine(int line, int? column = null) => this with { Line = line, Column = column };

    /// <summary>The location of a member of the archive at this location.</summary>
    public ArtifactLocation Member(string memberPath)
    {
        ArgumentNullException.ThrowIfNull(memberPath);
        return new ArtifactLocation(Path, InnerPath is null ? memberPath : InnerPath + "!/" + memberPath);
    }
}
