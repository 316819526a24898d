namespace AtlasGuard.Formats.GitHubActions;

/// <summary>What a <c>uses:</c> value points at.</summary>
public enum ActionReferenceKind
{
    /// <summary>An action or reusable workflow in a repository: <c>owner/repo[/path]@ref</c>.</summary>
    Repository,

    /// <summary>An action in the same repository: <c>./path</c>.</summary>
    Local,

    /// <summary>A container image: <c>docker://image[:tag|@digest]</c>.</summary>
    Docker,

    /// <summary>Something else (an expression, an empty value).</summary>
    Other,
}

/// <summary>
/// A parsed <c>uses:</c> value. <see cref="Name"/> is the lower-cased <c>owner/repo[/path]</c> (or the image for Docker),
/// <see cref="Ref"/> what follows the last <c>@</c> (the tag, branch or commit; the digest for Docker).
/// </summary>
public readonly record struct ActionReference(ActionReferenceKind Kind, string Name, string? Ref)
{
    /// <summary>The repository owner (<c>actions</c> in <c>actions/checkout</c>), lower-case, or empty.</summary>
    public string Owner => Kind == ActionReferenceKind.Repository && Name.IndexOf('/', StringComparison.Ordinal) is var s and > 0 ? Name[..s] : string.Empty;

    /// <summary>Whether <see cref="Ref"/> is a full 40-hex-digit commit SHA (or a sha256 digest for an image).</summary>
    public bool IsPinned => Kind switch
    {
        ActionReferenceKind.Local => true,
        ActionReferenceKind.Docker => Ref is { } d && d.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) && d.Length == 71 && IsHex(d.AsSpan(7)),
        ActionReferenceKind.Repository => Ref is { Length: 40 } r && IsHex(r),
        _ => false,
    };

    /// <summary>Parses a <c>uses:</c> value.</summary>
    public static ActionReference Parse(string uses)
    {
        ArgumentNullException.ThrowIfNull(uses);
        var value = uses.Trim();
        if (value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith(".\\", StringComparison.Ordinal))
        {
            return new ActionReference(ActionReferenceKind.Local, value, null);
        }

        if (value.StartsWith("docker://", StringComparison.OrdinalIgnoreCase))
        {
            var image = value["docker://".Length..];
            var at = image.LastIndexOf('@');
            return at < 0
                ? new ActionReference(ActionReferenceKind.Docker, image.ToLowerInvariant(), null)
                : new ActionReference(ActionReferenceKind.Docker, image[..at].ToLowerInvariant(), image[(at + 1)..]);
        }

        if (value.Length == 0 || value.Contains("${{", StringComparison.Ordinal) || !value.Contains('/', StringComparison.Ordinal))
        {
            return new ActionReference(ActionReferenceKind.Other, value.ToLowerInvariant(), null);
        }

        var refAt = value.LastIndexOf('@');
        return refAt < 0
            ? new ActionReference(ActionReferenceKind.Repository, value.ToLowerInvariant(), null)
            : new ActionReference(ActionReferenceKind.Repository, value[..refAt].ToLowerInvariant(), value[(refAt + 1)..]);
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }
}
