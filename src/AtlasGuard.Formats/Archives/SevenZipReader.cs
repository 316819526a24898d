using SharpCompress.Archives.SevenZip;
using SharpCompress.Common;

namespace AtlasGuard.Formats.Archives;

/// <summary>One member of a 7-Zip archive: its content decompressed into memory, or why it could not be.</summary>
/// <param name="Name">Path inside the archive, forward slashes.</param>
/// <param name="DeclaredSize">Uncompressed size the archive states.</param>
/// <param name="Content">The content, or null when <paramref name="Problem"/> says why not.</param>
/// <param name="Problem">Why the content is missing (encrypted, too large, damaged).</param>
/// <param name="ProblemKind">The kind of problem, when there is one.</param>
public sealed record SevenZipMember(string Name, long DeclaredSize, byte[]? Content, string? Problem, ArchiveProblemKind? ProblemKind);

/// <summary>
/// Reads 7-Zip archives (the wrapper of the nullifAI models) through SharpCompress, one member at a time into
/// bounded memory. The signature header is checked first; members larger than the per-member limit, encrypted
/// members and damaged data are reported as problems, never thrown.
/// </summary>
public static class SevenZipReader
{
    /// <summary>Largest archive header accepted before handing the archive to the decoder.</summary>
    public const long MaxHeaderSize = 64L << 20;

    /// <summary>Lists the members of a seekable 7z stream, decompressing each one lazily as the enumeration reaches it.</summary>
    public static IEnumerable<SevenZipMember> ReadMembers(Stream archive, long maxMemberBytes, Action<ArchiveProblem> onProblem,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(onProblem);
        Span<byte> signature = stackalloc byte[SevenZipHeader.Length];
        archive.Position = 0;
        var read = archive.ReadAtLeast(signature, SevenZipHeader.Length, throwOnEndOfStream: false);
        if (!SevenZipHeader.TryRead(signature[..read], archive.Length, MaxHeaderSize, out _, out var headerProblem))
        {
            onProblem(new ArchiveProblem(ArchiveProblemKind.Damaged, headerProblem!));
            return [];
        }

        archive.Position = 0;
        return Enumerate(archive, maxMemberBytes, onProblem, cancellationToken);
    }

    private static IEnumerable<SevenZipMember> Enumerate(Stream stream, long maxMemberBytes, Action<ArchiveProblem> onProblem,
        CancellationToken cancellationToken)
    {
        SevenZipArchive? archive;
        List<SevenZipArchiveEntry> entries;
        try
        {
            archive = (SevenZipArchive)SevenZipArchive.OpenArchive(stream, new SharpCompress.Readers.ReaderOptions { LeaveStreamOpen = true });
            entries = [.. archive.Entries.Where(e => !e.IsDirectory)];
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            onProblem(new ArchiveProblem(ArchiveProblemKind.Damaged, $"the 7-Zip archive cannot be read: {ex.Message}"));
            yield break;
        }

        using (archive)
        {
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return Decompress(entry, maxMemberBytes);
            }
        }
    }

    private static SevenZipMember Decompress(SevenZipArchiveEntry entry, long maxMemberBytes)
    {
        var name = (entry.Key ?? string.Empty).Replace('\\', '/');
        if (entry.IsEncrypted)
        {
            return new SevenZipMember(name, entry.Size, null, "the member is encrypted", ArchiveProblemKind.Damaged);
        }

        if (entry.Size > maxMemberBytes)
        {
            return new SevenZipMember(name, entry.Size, null,
                $"the member is {entry.Size} bytes, more than the {maxMemberBytes} that may be decompressed into memory",
                ArchiveProblemKind.LimitExceeded);
        }

        try
        {
            using var source = entry.OpenEntryStream();
            using var buffer = new MemoryStream((int)Math.Max(0, Math.Min(entry.Size, maxMemberBytes)));
            var chunk = new byte[81920];
            int n;
            while ((n = source.Read(chunk)) > 0)
            {
                if (buffer.Length + n > maxMemberBytes)
                {
                    return new SevenZipMember(name, entry.Size, null,
                        $"the member decompresses to more than the {maxMemberBytes} bytes allowed in memory", ArchiveProblemKind.LimitExceeded);
                }

                buffer.Write(chunk, 0, n);
            }

            return new SevenZipMember(name, entry.Size, buffer.ToArray(), null, null);
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            return new SevenZipMember(name, entry.Size, null, $"the member cannot be decompressed: {ex.Message}", ArchiveProblemKind.Damaged);
        }
    }

    // SharpCompress reports malformed input with a range of exception types; all of them mean "damaged archive".
    private static bool IsDecoderFailure(Exception ex) => ex is IOException or InvalidDataException or InvalidOperationException
        or ArgumentException or IndexOutOfRangeException or NotSupportedException or SharpCompressException or OverflowException
        or InvalidCastException or NullReferenceException;
}
