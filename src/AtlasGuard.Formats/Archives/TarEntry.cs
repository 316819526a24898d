namespace AtlasGuard.Formats.Archives;

/// <summary>The header dialect a tar member was written in.</summary>
public enum TarFormat
{
    /// <summary>Unix V7: no magic.</summary>
    V7 = 0,

    /// <summary>POSIX ustar (name prefix field honoured).</summary>
    Ustar,

    /// <summary>GNU tar (long names in <c>././@LongLink</c> members).</summary>
    Gnu,

    /// <summary>POSIX pax (extended header records override the header).</summary>
    Pax,
}

/// <summary>One member of a tar archive.</summary>
public sealed record TarEntry
{
    /// <summary>The member name after GNU long-name and pax <c>path</c> overrides.</summary>
    public required string Name { get; init; }

    /// <summary>The type flag byte ('0' regular, '5' directory, '2' symlink ...).</summary>
    public required byte TypeFlag { get; init; }

    /// <summary>Bytes of member data in the archive (after any pax <c>size</c> override).</summary>
    public required long Size { get; init; }

    /// <summary>Offset of the member's own header from the start of the archive stream.</summary>
    public required long HeaderOffset { get; init; }

    /// <summary>Offset of the member data from the start of the archive stream.</summary>
    public required long DataOffset { get; init; }

    /// <summary>The header dialect.</summary>
    public required TarFormat Format { get; init; }

    /// <summary>The link target for links, otherwise null.</summary>
    public string? LinkName { get; init; }

    /// <summary>True when the archive ends before the member's data does.</summary>
    public bool IsTruncated { get; init; }

    /// <summary>
    /// True for members whose data Python's <c>tarfile</c> reads as file content: regular, contiguous, sparse and
    /// unknown types, except names ending in a slash.
    /// </summary>
    public bool IsFile => TarReader.HasData(TypeFlag) && !Name.EndsWith('/');
}
