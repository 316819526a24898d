using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Sniffing;

namespace AtlasGuard.Core.Scanning;

/// <summary>
/// One thing to scan: a file on disk or a member of an archive. Its content is opened on demand as a fresh
/// stream each time, so detectors never share a position.
/// </summary>
public sealed class ScanTarget
{
    private readonly Func<Stream> _open;
    private readonly Lock _sharedLock = new();
    private (object Key, object Value)[] _shared = [];

    /// <summary>Creates a target.</summary>
    public ScanTarget(ArtifactLocation location, string name, long? length, ArtifactKind kind, ReadOnlyMemory<byte> head,
        Func<Stream> open, int depth = 0, ScanTarget? parent = null, ImmutableDictionary<string, string>? properties = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(open);
        Location = location;
        Name = name;
        Length = length;
        Kind = kind;
        Head = head;
        _open = open;
        Depth = depth;
        Parent = parent;
        Properties = properties ?? ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
    }

    /// <summary>Where it is.</summary>
    public ArtifactLocation Location { get; }

    /// <summary>The file or member name (last path component), for messages and format hints only.</summary>
    public string Name { get; }

    /// <summary>Length in bytes when known (not known for some compressed streams).</summary>
    public long? Length { get; }

    /// <summary>What the content is, by its bytes.</summary>
    public ArtifactKind Kind { get; }

    /// <summary>The first bytes (up to <see cref="ContentSniffer.HeadLength"/>).</summary>
    public ReadOnlyMemory<byte> Head { get; }

    /// <summary>0 for a file on disk, 1 for a member of an archive on disk, and so on.</summary>
    public int Depth { get; }

    /// <summary>The archive this target is a member of, if any.</summary>
    public ScanTarget? Parent { get; }

    /// <summary>Hints set by the container that produced this target (see <see cref="TargetProperties"/>).</summary>
    public ImmutableDictionary<string, string> Properties { get; }

    /// <summary>Opens the content from its start. The caller disposes the stream.</summary>
    public Stream OpenRead() => _open();

    /// <summary>
    /// Gets what a detector derived from this target and left for the detectors after it (the decoded text of a source
    /// file, say), so that a file is read and parsed once however many detectors look at it. It lives as long as the
    /// target, which the engine drops when the target's detectors are done. Keys are compared by reference: a detector
    /// keys by a static object of its own.
    /// </summary>
    public bool TryGetShared<T>(object key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_sharedLock)
        {
            foreach (var (k, v) in _shared)
            {
                if (ReferenceEquals(k, key) && v is T found)
                {
                    value = found;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> for <see cref="TryGetShared{T}"/>, replacing what was kept under that key.</summary>
    public void SetShared(object key, object value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_sharedLock)
        {
            var at = Array.FindIndex(_shared, e => ReferenceEquals(e.Key, key));
            _shared = at >= 0 ? [.. _shared[..at], (key, value), .. _shared[(at + 1)..]] : [.. _shared, (key, value)];
        }
    }
}

/// <summary>Well-known keys of <see cref="ScanTarget.Properties"/>.</summary>
public static class TargetProperties
{
    /// <summary>The container format a member came from (e.g. "pytorch-zip", "torchscript", "npz", "tar").</summary>
    public const string ContainerFormat = "container.format";

    /// <summary>The role of a member inside a known layout (e.g. "pytorch-data-pickle", "torchscript-constants").</summary>
    public const string Role = "member.role";
}
