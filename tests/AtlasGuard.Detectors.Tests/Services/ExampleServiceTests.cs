using AtlasGuard.Detectors.Tests.Hostile;
using AtlasGuard.Testing;

namespace AtlasGuard.Detectors.Tests.Services;

public sealed class ExampleServiceTests
{
    [Fact]
    public async Task The_ray_cluster_example_has_its_exposed_dashboards_reported()
    {
        var findings = await HostileInputTests.Scan(RepoPaths.InRepo("examples", "ray-cluster-repo"));

        var services = findings.Where(f => f.RuleId.StartsWith("AG-SVC-", StringComparison.Ordinal)).Select(f => $"{f.RuleId} {f.Location.Path}").ToList();
        Assert.Contains("AG-SVC-001 docker-compose.yml", services);
        Assert.Contains("AG-SVC-001 deploy/raycluster.yaml", services);
        Assert.Contains("AG-SVC-003 docker-compose.yml", services);
        Assert.Contains("AG-SVC-010 docker-compose.yml", services);
    }
}
