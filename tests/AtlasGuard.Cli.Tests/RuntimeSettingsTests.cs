using System.Text.Json;
using AtlasGuard.Testing;

namespace AtlasGuard.Cli.Tests;

public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_executable_keeps_short_lived_file_texts_off_the_large_object_heap()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "atlasguard.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var threshold = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.LOHThreshold");
        Assert.Equal(2 * 1024 * 1024, threshold.GetInt32());
    }

    [Theory]
    [InlineData("src/AtlasGuard.Cli/AtlasGuard.Cli.csproj", "../AtlasGuard.Runtime.props")]
    [InlineData("benchmarks/AtlasGuard.Benchmarks/AtlasGuard.Benchmarks.csproj", "../../src/AtlasGuard.Runtime.props")]
    public void The_benchmarks_measure_under_the_runtime_settings_users_get(string project, string import)
    {
        var text = File.ReadAllText(RepoPaths.InRepo(project.Split('/')));
        Assert.Contains($"<Import Project=\"{import}\" />", text, StringComparison.Ordinal);
    }
}
