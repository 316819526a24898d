using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;

namespace AtlasGuard.Core.Tests.Scanning;

public sealed class ScanTargetTests
{
    private static readonly object TextKey = new();
    private static readonly object TreeKey = new();

    private static ScanTarget Target() =>
        new(new ArtifactLocation("a.py"), "a.py", 1, ArtifactKind.Unknown, ReadOnlyMemory<byte>.Empty, () => new MemoryStream([0x41]));

    [Fact]
    public void A_shared_value_is_found_under_its_own_key_only()
    {
        var target = Target();
        Assert.False(target.TryGetShared<string>(TextKey, out _));

        target.SetShared(TextKey, "decoded");
        target.SetShared(TreeKey, new List<int> { 1 });

        Assert.True(target.TryGetShared<string>(TextKey, out var text));
        Assert.Equal("decoded", text);
        Assert.True(target.TryGetShared<List<int>>(TreeKey, out var tree));
        Assert.Equal([1], tree);
        Assert.False(target.TryGetShared<string>(new object(), out _));
        Assert.False(target.TryGetShared<List<int>>(TextKey, out _));
    }

    [Fact]
    public void Setting_a_key_again_replaces_its_value_and_keeps_the_others()
    {
        var target = Target();
        target.SetShared(TextKey, "first");
        target.SetShared(TreeKey, "tree");

        target.SetShared(TextKey, "second");

        Assert.True(target.TryGetShared<string>(TextKey, out var text));
        Assert.Equal("second", text);
        Assert.True(target.TryGetShared<string>(TreeKey, out var tree));
        Assert.Equal("tree", tree);
    }

    [Fact]
    public void Shared_values_belong_to_one_target()
    {
        var first = Target();
        first.SetShared(TextKey, "decoded");

        Assert.False(Target().TryGetShared<string>(TextKey, out _));
    }

    [Fact]
    public async Task Concurrent_detectors_can_share_without_losing_a_key()
    {
        var target = Target();
        var keys = Enumerable.Range(0, 64).Select(_ => new object()).ToArray();

        await Task.WhenAll(keys.Select((key, i) => Task.Run(() => target.SetShared(key, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.True(target.TryGetShared<string>(keys[i], out var value));
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
        }
    }
}
