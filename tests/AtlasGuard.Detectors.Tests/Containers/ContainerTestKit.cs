using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Testing;

namespace AtlasGuard.Detectors.Tests.Containers;

/// <summary>Targets, sinks and archives for container reader tests.</summary>
internal static class ContainerTestKit
{
    public static ContainerContext Context(ScanLimits? limits = null) => new(limits ?? new ScanLimits());

    public static ScanTarget Target(byte[] bytes, string name = "artifact.bin", bool seekable = true)
    {
        var kind = ContentSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, ContentSniffer.HeadLength)), bytes.Length);
        return new ScanTarget(new ArtifactLocation(name), name, bytes.Length, kind, bytes.AsMemory(0, Math.Min(bytes.Length, 4096)),
            () => seekable ? new MemoryStream(bytes, writable: false) : new ForwardOnlyStream(bytes));
    }

    public static ScanTarget Fixture(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Containers", name);
        return Target(File.ReadAllBytes(path), name);
    }

    public static byte[] ReadAll(ContainerEntry entry)
    {
        using var s = entry.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    public static string Text(ContainerEntry entry) => Encoding.UTF8.GetString(ReadAll(entry));

    public static byte[] Zip(params (string Name, byte[] Content, bool Compress)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, compress) in entries)
            {
                using var s = zip.CreateEntry(name, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression).Open();
                s.Write(content);
            }
        }

        return memory.ToArray();
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static List<int> CentralRecords(byte[] zip)
    {
        var eocd = zip.Length - 22;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(eocd + 10));
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(eocd + 16));
        var result = new List<int>();
        for (var i = 0; i < count; i++)
        {
            result.Add(at);
            at += 46 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 30));
        }

        return result;
    }

    public static void PatchAllFlags(byte[] zip, ushort bit)
    {
        foreach (var central in CentralRecords(zip))
        {
            BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(central + 8), bit);
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(central + 42));
            BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(local + 6), bit);
        }
    }
}

internal sealed class ListSink : IFindingSink
{
    private readonly ConcurrentQueue<Finding> _findings = new();

    public IReadOnlyList<Finding> Findings => [.. _findings];

    public void Report(Finding finding) => _findings.Enqueue(finding);
}
