using AtlasGuard.Core.Findings;

namespace AtlasGuard.Core.Tests.Findings;

public sealed class FingerprintTests
{
    [Fact]
    public void Is_stable_and_ignores_offsets()
    {
        var a = Fingerprint.Compute("AG-MDL-001", new ArtifactLocation("m.pt", "archive/data.pkl", byteOffset: 10), "posix.system");
        var b = Fingerprint.Compute("AG-MDL-001", new ArtifactLocation("m.pt", "archive/data.pkl", byteOffset: 99), "posix.system");

        Assert.Equal(a, b);
        Assert.Equal(32, a.Length);
    }

    [Fact]
    public void Differs_by_rule_path_member_and_key()
    {
        var baseLocation = new ArtifactLocation("m.pt", "archive/data.pkl");
        var fingerprints = new[]
        {
            Fingerprint.Compute("AG-MDL-001", baseLocation, "k"),
            Fingerprint.Compute("AG-MDL-002", baseLocation, "k"),
            Fingerprint.Compute("AG-MDL-001", new ArtifactLocation("n.pt", "archive/data.pkl"), "k"),
            Fingerprint.Compute("AG-MDL-001", new ArtifactLocation("m.pt", "other.pkl"), "k"),
            Fingerprint.Compute("AG-MDL-001", baseLocation, "k2"),
        };

        Assert.Equal(fingerprints.Length, fingerprints.Distinct().Count());
    }

    [Fact]
    public void Member_locations_nest_with_a_separator()
    {
        var nested = new ArtifactLocation("outer.zip").Member("inner.zip").Member("archive/data.pkl");

        Assert.Equal("inner.zip!/archive/data.pkl", nested.InnerPath);
        Assert.Equal("outer.zip!/inner.zip!/archive/data.pkl", nested.DisplayPath);
    }
}
