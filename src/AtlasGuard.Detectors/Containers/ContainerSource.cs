using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;

namespace AtlasGuard.Detectors.Containers;

/// <summary>
/// Random access to a container's bytes. A target that opens seekable is reopened for every member (each member
/// gets its own stream, so members can be read concurrently); one that does not is buffered in memory once, up
/// to <see cref="ScanLimits.MaxInMemoryMember"/>. Nothing is written to disk.
/// </summary>
internal sealed class ContainerSource
{
    private readonly ScanTarget _target;
    private readonly byte[]? _buffer;
    private readonly int _length;

    private ContainerSource(ScanTarget target, byte[]? buffer, int length)
    {
        _target = target;
        _buffer = buffer;
        _length = length;
    }

    /// <summary>Prepares random access, or reports why it is impossible and returns null.</summary>
    public static ContainerSource? Create(ScanTarget target, ScanLimits limits, IFindingSink sink, string formatName)
    {
        using var probe = target.OpenRead();
        if (probe.CanSeek)
        {
            return new ContainerSource(target, null, 0);
        }

        var cap = (int)Math.Min(limits.MaxInMemoryMember, Array.MaxLength);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = probe.Read(chunk)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                sink.Report(ScanRules.ArchiveLimitExceeded.CreateFinding(target.Location,
                    $"The {formatName} archive is larger than {cap} bytes and cannot be read without random access; its members were not scanned.",
                    key: "in-memory"));
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new ContainerSource(target, buffer.GetBuffer(), (int)buffer.Length);
    }

    /// <summary>The container's location.</summary>
    public ArtifactLocation Location => _target.Location;

    /// <summary>A fresh seekable stream over the whole container.</summary>
    public Stream Open() => _buffer is null ? _target.OpenRead() : new MemoryStream(_buffer, 0, _length, writable: false);
}
