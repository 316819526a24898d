using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Discovery;
using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Tests.Discovery;

/// <summary>Runs discovery over a fixture case and loads the draft with the real loader.</summary>
internal static class Drafts
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Discovery", name);

    public static async Task<(DiscoveryResult Result, PipelineModel Model)> DiscoverAsync(string root, DiscoveryOptions? options = null)
    {
        var result = await PipelineDiscovery.DiscoverAsync(root, options);
        var loaded = ThreatModelLoader.Load(result.Yaml, "draft.yaml");
        var errors = loaded.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors) + Environment.NewLine + result.Yaml);
        return (result, loaded.Model!);
    }

    public static Task<(DiscoveryResult Result, PipelineModel Model)> CaseAsync(string name) => DiscoverAsync(Fixture(name));

    public static string? Prop(Component component, string name) => component.Props[name]?.ToString();

    public static Component Get(PipelineModel model, string id) =>
        model.FindComponent(id) ?? throw new Xunit.Sdk.XunitException($"No component '{id}'; have: {string.Join(", ", model.Components.Select(c => c.Id))}");

    public static string Example(string name) => RepoPaths.InRepo("examples", name);
}
