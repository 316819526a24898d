namespace AtlasGuard.Cli.Tests;

public sealed class RulesCommandTests
{
    [Fact]
    public async Task A_rule_id_prints_that_rule_with_its_help()
    {
        var (code, output) = await CliRunner.RunAsync("rules", "ag-svc-001");

        Assert.Equal(0, code);
        Assert.StartsWith("## AG-SVC-001", output, StringComparison.Ordinal);
        Assert.Contains("RayDashboardReachableWithoutAuth", output, StringComparison.Ordinal);
        Assert.Contains("- Remediation:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("AG-SVC-002", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_family_lists_only_its_rules()
    {
        var (code, output) = await CliRunner.RunWithWidthAsync(200, "rules", "AG-DEP");

        Assert.Equal(0, code);
        Assert.Contains("AG-DEP-001", output, StringComparison.Ordinal);
        Assert.DoesNotContain("AG-MDL-001", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_rule_is_a_usage_error_with_a_suggestion()
    {
        var (code, output) = await CliRunner.RunWithWidthAsync(200, "rules", "AG-SVX-001");

        Assert.Equal(2, code);
        Assert.Contains("Did you mean AG-SVC-001?", output, StringComparison.Ordinal);
    }
}
