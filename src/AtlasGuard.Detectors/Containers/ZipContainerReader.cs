using System.Buffers;
using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Formats.Archives;

namespace AtlasGuard.Detectors.Containers;

/// <summary>
/// Opens ZIP archives the way PyTorch's miniz-based loader does (flag bits, CRCs and local/central name mismatches
/// tolerated and recorded), recognises PyTorch, TorchScript and NPZ layouts, and skips the tensor storages of
/// PyTorch archives. Members are streamed from the archive, never extracted.
/// </summary>
internal sealed class ZipContainerReader : ArchiveContainerReader
{
    private const int EncryptionProbeBytes = 64 * 1024;

    /// <inheritdoc />
    public override string Id => "zip";

    /// <inheritdoc />
    public override ImmutableArray<RuleDescriptor> Rules =>
        [ScanRules.ArchiveLimitExceeded, ScanRules.ArchiveDamaged, ScanRules.EncryptedMember, ScanRules.FormatNotAnalysed, MemberPaths.PathEscapes];

    /// <inheritdoc />
    protected override ArtifactKind Kind => ArtifactKind.Zip;

    /// <inheritdoc />
    protected override IEnumerable<ContainerEntry> ReadArchive(ScanTarget target, ContainerContext context, IFindingSink sink,
        CancellationToken cancellationToken)
    {
        var source = ContainerSource.Create(target, context.Limits, sink, "ZIP");
        if (source is null)
        {
            yield break;
        }

        ZipDirectory directory;
        using (var stream = source.Open())
        {
            directory = ZipDirectoryReader.Read(stream, Math.Max(1, context.Limits.MaxArchiveMembers), cancellationToken);
        }

        foreach (var problem in directory.Problems)
        {
            ContainerReporting.Report(sink, target.Location, problem);
        }

        var layout = ZipLayout.Detect(directory.Entries.Select(e => e.Name).ToList());
        var baseProperties = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal)
            .Add(TargetProperties.ContainerFormat, layout.Format);
        if (directory.Anomalies != ZipArchiveAnomalies.None)
        {
            baseProperties = baseProperties.Add(ContainerPropertyKeys.ZipArchiveAnomalies, directory.Anomalies.ToString());
        }

        foreach (var entry in directory.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            MemberPaths.Check(sink, target.Location, entry.Name);
            if (entry.IsDirectory || (entry.Anomalies & ZipAnomalies.OverlapsOtherEntry) != 0 || layout.IsTensorStorage(entry.Name))
            {
                continue;
            }

            var path = entry.Name.Length == 0 ? $"(unnamed member {entry.Index})" : entry.Name;
            var memberLocation = target.Location.Member(path);
            if (entry.Method == ZipMethods.Aes)
            {
                sink.Report(ScanRules.EncryptedMember.CreateFinding(memberLocation,
                    "The member is AES-encrypted and could not be scanned.", key: "aes"));
                continue;
            }

            if (!ZipMember.IsMethodSupported(entry.Method))
            {
                sink.Report(ScanRules.FormatNotAnalysed.CreateFinding(memberLocation,
                    $"The member uses ZIP compression method {entry.Method} ({ZipMethods.Name(entry.Method)}), which cannot be read; it was not scanned.",
                    key: "method:" + entry.Method.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }

            if ((entry.Flags & 0x1) != 0 && LooksEncrypted(source, entry))
            {
                sink.Report(ScanRules.EncryptedMember.CreateFinding(memberLocation,
                    "The member is flagged as encrypted and its content does not read as plain data; it may not have been scanned fully.",
                    key: "encrypted"));
                if (entry.Method != ZipMethods.Stored)
                {
                    continue;
                }
            }

            var properties = baseProperties.Add(ContainerPropertyKeys.ZipMethod, ZipMethods.Name(entry.Method));
            if (layout.RoleOf(entry.Name) is { } role)
            {
                properties = properties.Add(TargetProperties.Role, role);
            }

            if (entry.Anomalies != ZipAnomalies.None)
            {
                properties = properties.Add(ContainerPropertyKeys.ZipAnomalies, entry.Anomalies.ToString());
            }

            var stored = entry.Method == ZipMethods.Stored;
            var member = entry;
            yield return new ContainerEntry(
                path,
                stored ? entry.CompressedSize : entry.UncompressedSize,
                () => ZipMember.Open(source.Open(), member, leaveOpen: false),
                stored ? null : entry.CompressedSize,
                properties);
        }
    }

    /// <summary>
    /// PyTorch ignores the encrypted flag, so the member is read as plain data first. A compressed member is
    /// encrypted when it does not decompress; a stored one when its sizes match traditional PKWARE encryption's
    /// 12-byte header.
    /// </summary>
    private static bool LooksEncrypted(ContainerSource source, ZipEntry entry)
    {
        if (entry.Method == ZipMethods.Stored)
        {
            return entry.CompressedSize == entry.UncompressedSize + 12;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            using var stream = ZipMember.Open(source.Open(), entry, leaveOpen: false);
            var total = 0;
            int read;
            while (total < EncryptionProbeBytes && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
            }

            return false;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
