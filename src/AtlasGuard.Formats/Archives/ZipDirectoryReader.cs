using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using AtlasGuard.Formats.IO;

namespace AtlasGuard.Formats.Archives;

/// <summary>
/// Reads a ZIP archive's central directory the way PyTorch's miniz-based reader does: the end record is searched
/// backwards within the comment window, ZIP64 end records and extra fields are honoured, and each member's data
/// is found through its local header using the local header's own name and extra lengths. Name mismatches,
/// flag bits and CRCs are tolerated and recorded as <see cref="ZipAnomalies"/>. Every field is bounds-checked;
/// malformed input produces <see cref="ArchiveProblem"/>s, never exceptions, and no allocation is sized by an
/// untrusted field beyond 64 KiB.
/// </summary>
public static class ZipDirectoryReader
{
    private const int EocdLength = 22;
    private const int MaxCommentLength = 0xFFFF;
    private const int Zip64LocatorLength = 20;
    private const int Zip64EocdLength = 56;
    private const int CentralHeaderLength = 46;
    private const int LocalHeaderLength = 30;
    private const uint EocdSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EocdSignature = 0x06064b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint LocalHeaderSignature = 0x04034b50;

    /// <summary>Reads the directory of the archive in <paramref name="archive"/>, which must be readable and seekable.</summary>
    /// <param name="archive">The archive.</param>
    /// <param name="maxEntries">Members listed at most; more are reported as <see cref="ArchiveProblemKind.LimitExceeded"/>.</param>
    /// <param name="cancellationToken">Stops a long directory walk.</param>
    public static ZipDirectory Read(Stream archive, int maxEntries = 100_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        if (!archive.CanSeek || !archive.CanRead)
        {
            throw new ArgumentException("The archive stream must be readable and seekable.", nameof(archive));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        var state = new ReadState(archive, maxEntries);
        try
        {
            return state.Run(cancellationToken);
        }
        catch (IOException ex)
        {
            state.Problem(ArchiveProblemKind.Damaged, "I/O error while reading the archive: " + ex.Message);
            return state.Result(found: state.Found);
        }
    }

    internal static string DecodeName(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        // Not UTF-8: keep every byte as one character so that nothing is lost or merged.
        return Encoding.Latin1.GetString(bytes);
    }

    private sealed class ReadState(Stream archive, int maxEntries)
    {
        private readonly Stream _archive = archive;
        private readonly int _maxEntries = maxEntries;
        private readonly long _fileLength = archive.Length;
        private readonly List<ArchiveProblem> _problems = [];
        private readonly List<ZipEntry> _entries = [];
        private ZipArchiveAnomalies _anomalies;
        private long _baseOffset;
        private long _declaredCount;

        public bool Found { get; private set; }

        public void Problem(ArchiveProblemKind kind, string message, string? entry = null, long? offset = null)
            => _problems.Add(new ArchiveProblem(kind, message, entry, offset));

        public ZipDirectory Result(bool found)
        {
            return new ZipDirectory([.. _entries], [.. _problems], _anomalies, _baseOffset, _declaredCount, found);
        }

        public ZipDirectory Run(CancellationToken cancellationToken)
        {
            if (!TryFindEnd(out var end))
            {
                return Result(found: false);
            }

            Found = true;
            if (!TryLocateCentralDirectory(end, out var cdStart, out var cdLength))
            {
                return Result(found: true);
            }

            var records = ReadCentralDirectory(cdStart, cdLength, cancellationToken);
            LocateMembers(records, cancellationToken);
            MarkOverlaps();
            MarkDuplicates();
            return Result(found: true);
        }

        private bool TryFindEnd(out EndRecord end)
        {
            end = default;
            if (_fileLength < EocdLength)
            {
                Problem(ArchiveProblemKind.Damaged, $"The file is {_fileLength} bytes long, too short to be a ZIP archive.");
                return false;
            }

            var tailLength = (int)Math.Min(_fileLength, EocdLength + MaxCommentLength);
            var tailStart = _fileLength - tailLength;
            var tail = ArrayPool<byte>.Shared.Rent(tailLength);
            try
            {
                var span = tail.AsSpan(0, tailLength);
                _archive.Seek(tailStart, SeekOrigin.Begin);
                if (StreamSkip.ReadAtMost(_archive, span) != tailLength)
                {
                    Problem(ArchiveProblemKind.Damaged, "The archive could not be read to its end.");
                    return false;
                }

                var candidate = -1;
                for (var i = tailLength - EocdLength; i >= 0; i--)
                {
                    if (BinaryPrimitives.ReadUInt32LittleEndian(span[i..]) != EocdSignature)
                    {
                        continue;
                    }

                    var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(i + 20)..]);
                    if (i + EocdLength + commentLength <= tailLength)
                    {
                        candidate = i;
                        break;
                    }

                    // miniz accepts the last signature even when its comment is cut short; keep it as a fallback.
                    if (candidate < 0)
                    {
                        candidate = i;
                    }
                }

                if (candidate < 0)
                {
                    Problem(ArchiveProblemKind.Damaged, "No end-of-central-directory record was found; the archive is truncated or not a ZIP.");
                    return false;
                }

                var record = span.Slice(candidate, EocdLength);
                var comment = BinaryPrimitives.ReadUInt16LittleEndian(record[20..]);
                if (candidate + EocdLength + comment != tailLength)
                {
                    _anomalies |= ZipArchiveAnomalies.CommentLengthMismatch;
                }

                if (BinaryPrimitives.ReadUInt16LittleEndian(record[4..]) != 0 || BinaryPrimitives.ReadUInt16LittleEndian(record[6..]) != 0)
                {
                    _anomalies |= ZipArchiveAnomalies.MultiDisk;
                }

                end = new EndRecord(
                    tailStart + candidate,
                    BinaryPrimitives.ReadUInt16LittleEndian(record[10..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(record[12..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(record[16..]));
                return true;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(tail);
            }
        }

        private bool TryLocateCentralDirectory(EndRecord end, out long cdStart, out long cdLength)
        {
            cdStart = 0;
            cdLength = 0;

            // miniz (PyTorch) takes a ZIP64 value only where the 32-bit field is saturated; Python's zipfile takes
            // every ZIP64 value. The miniz reading comes first; the other is a fallback that is reported.
            ulong count = end.Count;
            ulong size = end.Size;
            ulong offset = end.Offset;
            var directoryEnd = end.Position;
            ulong? pythonOffset = null;
            ulong pythonSize = size;
            if (TryReadZip64(end.Position, out var z64Position, out var z64Count, out var z64Size, out var z64Offset))
            {
                _anomalies |= ZipArchiveAnomalies.Zip64;
                directoryEnd = z64Position;
                count = end.Count == ushort.MaxValue ? z64Count : count;
                size = end.Size == uint.MaxValue ? z64Size : size;
                offset = end.Offset == uint.MaxValue ? z64Offset : offset;
                if (z64Offset != offset || z64Size != size)
                {
                    pythonOffset = z64Offset;
                    pythonSize = z64Size;
                }
            }

            _declaredCount = count > long.MaxValue ? long.MaxValue : (long)count;
            long start;
            if (offset < (ulong)_fileLength && HasSignatureAt((long)offset, CentralHeaderSignature))
            {
                start = (long)offset;
            }
            else if (pythonOffset is { } alternative && alternative < (ulong)_fileLength && HasSignatureAt((long)alternative, CentralHeaderSignature))
            {
                Problem(ArchiveProblemKind.Damaged,
                    $"The end record's central directory ({size} bytes at offset {offset}) disagrees with the ZIP64 record's; "
                    + "PyTorch cannot load the archive, other ZIP readers use the ZIP64 record, which was scanned.");
                start = (long)alternative;
                size = pythonSize;
            }
            else if (size <= (ulong)directoryEnd && size >= CentralHeaderLength
                && HasSignatureAt(directoryEnd - (long)size, CentralHeaderSignature))
            {
                // The directory sits right before the end records: data was prepended, or the stated offset is wrong.
                start = directoryEnd - (long)size;
                if (offset < (ulong)start)
                {
                    _baseOffset = start - (long)offset;
                    _anomalies |= ZipArchiveAnomalies.PrependedData;
                }
                else
                {
                    Problem(ArchiveProblemKind.Damaged,
                        $"The end record points the central directory at offset {offset}, {Where(offset)}; it was found before the end record and scanned.");
                }
            }
            else if (count == 0 && size == 0)
            {
                return false;
            }
            else
            {
                Problem(ArchiveProblemKind.Damaged, $"The central directory ({size} bytes at offset {offset}) was not found; {Where(offset)}.",
                    offset: offset < (ulong)_fileLength ? (long)offset : null);
                return false;
            }

            var length = size > (ulong)(_fileLength - start) ? _fileLength - start : (long)size;
            if (length < (long)size)
            {
                Problem(ArchiveProblemKind.Damaged, "The central directory extends beyond the end of the file.", offset: start);
            }

            if (count > (ulong)(length / CentralHeaderLength))
            {
                Problem(ArchiveProblemKind.LimitExceeded,
                    $"The end record claims {count} members but the central directory ({length} bytes) can hold at most {length / CentralHeaderLength}.");
            }

            cdStart = start;
            cdLength = length;
            return true;
        }

        private string Where(ulong offset) =>
            offset >= (ulong)_fileLength ? $"beyond the end of the {_fileLength}-byte file" : "where there is no central directory";

        private bool TryReadZip64(long eocdPosition, out long position, out ulong count, out ulong size, out ulong offset)
        {
            position = 0;
            count = size = offset = 0;
            if (eocdPosition < Zip64LocatorLength)
            {
                return false;
            }

            Span<byte> locator = stackalloc byte[Zip64LocatorLength];
            if (!TryReadAt(eocdPosition - Zip64LocatorLength, locator)
                || BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
            {
                return false;
            }

            var stated = BinaryPrimitives.ReadUInt64LittleEndian(locator[8..]);
            var natural = eocdPosition - Zip64LocatorLength - Zip64EocdLength;
            Span<byte> record = stackalloc byte[Zip64EocdLength];
            long at;
            if (stated <= long.MaxValue && TryReadAt((long)stated, record)
                && BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EocdSignature)
            {
                at = (long)stated;
            }
            else if (natural >= 0 && TryReadAt(natural, record) && BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EocdSignature)
            {
                at = natural;
            }
            else
            {
                Problem(ArchiveProblemKind.Damaged, "A ZIP64 locator points to a missing ZIP64 end record; the 32-bit end record was used.",
                    offset: eocdPosition - Zip64LocatorLength);
                return false;
            }

            position = at;
            count = BinaryPrimitives.ReadUInt64LittleEndian(record[32..]);
            size = BinaryPrimitives.ReadUInt64LittleEndian(record[40..]);
            offset = BinaryPrimitives.ReadUInt64LittleEndian(record[48..]);
            return true;
        }

        private List<CentralRecord> ReadCentralDirectory(long cdStart, long cdLength, CancellationToken cancellationToken)
        {
            var records = new List<CentralRecord>();
            using var window = new SubStream(_archive, cdStart, cdLength);
            using var reader = new BufferedStream(window, 65536);
            Span<byte> header = stackalloc byte[CentralHeaderLength];
            var variable = ArrayPool<byte>.Shared.Rent(3 * 65536);
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var recordOffset = cdStart + reader.Position;
                    var read = StreamSkip.ReadAtMost(reader, header);
                    if (read == 0)
                    {
                        break;
                    }

                    if (read < 4 || BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralHeaderSignature)
                    {
                        if ((ulong)records.Count < (ulong)_declaredCount)
                        {
                            Problem(ArchiveProblemKind.Damaged,
                                $"Central directory record {records.Count} has no valid signature; the directory ends early.", offset: recordOffset);
                        }

                        break;
                    }

                    if (read < CentralHeaderLength)
                    {
                        Problem(ArchiveProblemKind.Damaged, $"Central directory record {records.Count} is truncated.", offset: recordOffset);
                        break;
                    }

                    if (records.Count >= _maxEntries)
                    {
                        Problem(ArchiveProblemKind.LimitExceeded,
                            $"The archive has more than {_maxEntries} members; the rest were not listed (the end record declares {_declaredCount}).");
                        break;
                    }

                    var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
                    var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
                    var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
                    var total = nameLength + extraLength + commentLength;
                    if (StreamSkip.ReadAtMost(reader, variable.AsSpan(0, total)) != total)
                    {
                        Problem(ArchiveProblemKind.Damaged, $"Central directory record {records.Count} is truncated.", offset: recordOffset);
                        break;
                    }

                    var nameBytes = variable.AsSpan(0, nameLength);
                    var extra = variable.AsSpan(nameLength, extraLength);
                    var record = new CentralRecord
                    {
                        Index = records.Count,
                        Name = DecodeName(nameBytes),
                        NameBytes = nameBytes.ToArray(),
                        Flags = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]),
                        Method = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]),
                        Crc = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]),
                        CompressedSize = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]),
                        UncompressedSize = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]),
                        LocalHeaderOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]),
                    };
                    ApplyZip64Extra(extra, record);
                    records.Add(record);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(variable);
            }

            if ((ulong)records.Count != (ulong)_declaredCount && records.Count < _maxEntries)
            {
                _anomalies |= ZipArchiveAnomalies.EntryCountMismatch;
            }

            return records;
        }

        private static void ApplyZip64Extra(ReadOnlySpan<byte> extra, CentralRecord record)
        {
            while (extra.Length >= 4)
            {
                var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
                var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
                if (length > extra.Length - 4)
                {
                    return;
                }

                var data = extra.Slice(4, length);
                extra = extra[(4 + length)..];
                if (id != 0x0001)
                {
                    continue;
                }

                // Only the fields whose 32-bit value is saturated are present, in this order.
                if (record.UncompressedSize == uint.MaxValue && TryTake(ref data, out var uncompressed))
                {
                    record.UncompressedSize = uncompressed;
                }

                if (record.CompressedSize == uint.MaxValue && TryTake(ref data, out var compressed))
                {
                    record.CompressedSize = compressed;
                }

                if (record.LocalHeaderOffset == uint.MaxValue && TryTake(ref data, out var offset))
                {
                    record.LocalHeaderOffset = offset;
                }

                return;
            }
        }

        private static bool TryTake(ref ReadOnlySpan<byte> data, out ulong value)
        {
            value = 0;
            if (data.Length < 8)
            {
                return false;
            }

            value = BinaryPrimitives.ReadUInt64LittleEndian(data);
            data = data[8..];
            return true;
        }

        private void LocateMembers(List<CentralRecord> records, CancellationToken cancellationToken)
        {
            Span<byte> local = stackalloc byte[LocalHeaderLength];
            var nameBuffer = ArrayPool<byte>.Shared.Rent(65536);
            try
            {
                foreach (var r in records)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var localOffset = (ulong)_baseOffset + r.LocalHeaderOffset;
                    if (r.LocalHeaderOffset > (ulong)_fileLength || localOffset > (ulong)(_fileLength - LocalHeaderLength))
                    {
                        Problem(ArchiveProblemKind.Damaged, $"The local header offset ({r.LocalHeaderOffset}) points beyond the end of the file.", r.Name);
                        continue;
                    }

                    if (!TryReadAt((long)localOffset, local) || BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalHeaderSignature)
                    {
                        Problem(ArchiveProblemKind.Damaged, "No local header was found where the central directory points.", r.Name, (long)localOffset);
                        continue;
                    }

                    var localFlags = BinaryPrimitives.ReadUInt16LittleEndian(local[6..]);
                    var localMethod = BinaryPrimitives.ReadUInt16LittleEndian(local[8..]);
                    var localCrc = BinaryPrimitives.ReadUInt32LittleEndian(local[14..]);
                    var localCompressed = BinaryPrimitives.ReadUInt32LittleEndian(local[18..]);
                    var localUncompressed = BinaryPrimitives.ReadUInt32LittleEndian(local[22..]);
                    var localNameLength = BinaryPrimitives.ReadUInt16LittleEndian(local[26..]);
                    var localExtraLength = BinaryPrimitives.ReadUInt16LittleEndian(local[28..]);
                    var dataOffset = (long)localOffset + LocalHeaderLength + localNameLength + localExtraLength;
                    if (dataOffset > _fileLength || r.CompressedSize > (ulong)(_fileLength - dataOffset))
                    {
                        Problem(ArchiveProblemKind.Damaged,
                            $"The member's data ({r.CompressedSize} bytes at offset {dataOffset}) extends beyond the end of the file.", r.Name, dataOffset);
                        continue;
                    }

                    var anomalies = ZipAnomalies.None;
                    var localName = nameBuffer.AsSpan(0, localNameLength);
                    if (!TryReadAt((long)localOffset + LocalHeaderLength, localName) || !localName.SequenceEqual(r.NameBytes))
                    {
                        anomalies |= ZipAnomalies.NameMismatch;
                    }

                    anomalies |= FlagAnomalies(r.Flags | localFlags);
                    if (localFlags != r.Flags)
                    {
                        anomalies |= ZipAnomalies.FlagMismatch;
                    }

                    if (localMethod != r.Method)
                    {
                        anomalies |= ZipAnomalies.MethodMismatch;
                    }

                    var hasDescriptor = (localFlags & 0x8) != 0;
                    if (!hasDescriptor && localCrc != r.Crc)
                    {
                        anomalies |= ZipAnomalies.CrcMismatch;
                    }

                    if (!hasDescriptor && (!SizeMatches(localCompressed, r.CompressedSize) || !SizeMatches(localUncompressed, r.UncompressedSize)))
                    {
                        anomalies |= ZipAnomalies.SizeMismatch;
                    }

                    if (r.Method == ZipMethods.Stored && r.CompressedSize != r.UncompressedSize)
                    {
                        anomalies |= ZipAnomalies.StoredSizeMismatch;
                    }

                    _entries.Add(new ZipEntry
                    {
                        Index = r.Index,
                        Name = r.Name,
                        Method = r.Method,
                        Flags = r.Flags,
                        Crc32 = r.Crc,
                        CompressedSize = (long)r.CompressedSize,
                        UncompressedSize = r.UncompressedSize > long.MaxValue ? long.MaxValue : (long)r.UncompressedSize,
                        LocalHeaderOffset = (long)localOffset,
                        DataOffset = dataOffset,
                        Anomalies = anomalies,
                    });
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(nameBuffer);
            }
        }

        private static bool SizeMatches(uint local, ulong central) => local == central || local == uint.MaxValue;

        private static ZipAnomalies FlagAnomalies(int flags)
        {
            var anomalies = ZipAnomalies.None;
            if ((flags & 0x1) != 0)
            {
                anomalies |= ZipAnomalies.EncryptedFlag;
            }

            if ((flags & 0x20) != 0)
            {
                anomalies |= ZipAnomalies.PatchedDataFlag;
            }

            if ((flags & 0x40) != 0)
            {
                anomalies |= ZipAnomalies.StrongEncryptionFlag;
            }

            return anomalies;
        }

        private void MarkOverlaps()
        {
            if (_entries.Count < 2)
            {
                return;
            }

            var order = new int[_entries.Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) =>
            {
                var c = _entries[a].LocalHeaderOffset.CompareTo(_entries[b].LocalHeaderOffset);
                return c != 0 ? c : _entries[a].Index.CompareTo(_entries[b].Index);
            });

            long reachedEnd = -1;
            var overlapping = 0;
            foreach (var i in order)
            {
                var e = _entries[i];
                var end = e.DataOffset + e.CompressedSize;
                if (e.LocalHeaderOffset < reachedEnd)
                {
                    _entries[i] = e with { Anomalies = e.Anomalies | ZipAnomalies.OverlapsOtherEntry };
                    overlapping++;
                }

                reachedEnd = Math.Max(reachedEnd, end);
            }

            if (overlapping > 0)
            {
                Problem(ArchiveProblemKind.OverlappingData,
                    $"{overlapping} member(s) overlap the data of other members, the construction behind non-recursive zip bombs.");
            }
        }

        private void MarkDuplicates()
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _entries.Count; i++)
            {
                var e = _entries[i];
                if (seen.TryGetValue(e.Name, out var first))
                {
                    _entries[i] = e with { Anomalies = e.Anomalies | ZipAnomalies.DuplicateName };
                    _entries[first] = _entries[first] with { Anomalies = _entries[first].Anomalies | ZipAnomalies.DuplicateName };
                }
                else
                {
                    seen.Add(e.Name, i);
                }
            }
        }

        private bool HasSignatureAt(long offset, uint signature)
        {
            if (offset < 0 || offset > _fileLength - 4)
            {
                return false;
            }

            Span<byte> sig = stackalloc byte[4];
            return TryReadAt(offset, sig) && BinaryPrimitives.ReadUInt32LittleEndian(sig) == signature;
        }

        private bool TryReadAt(long offset, Span<byte> buffer)
        {
            if (offset < 0 || offset > _fileLength - buffer.Length)
            {
                return false;
            }

            _archive.Seek(offset, SeekOrigin.Begin);
            return StreamSkip.ReadAtMost(_archive, buffer) == buffer.Length;
        }
    }

    private readonly record struct EndRecord(long Position, ushort Count, uint Size, uint Offset);

    private sealed class CentralRecord
    {
        public int Index { get; init; }

        public required string Name { get; init; }

        public required byte[] NameBytes { get; init; }

        public ushort Flags { get; init; }

        public ushort Method { get; init; }

        public uint Crc { get; init; }

        public ulong CompressedSize { get; set; }

        public ulong UncompressedSize { get; set; }

        public ulong LocalHeaderOffset { get; set; }
    }
}
