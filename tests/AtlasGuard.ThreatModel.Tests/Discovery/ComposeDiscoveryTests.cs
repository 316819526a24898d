using AtlasGuard.ThreatModel.Model;
using static AtlasGuard.ThreatModel.Tests.Discovery.Drafts;

namespace AtlasGuard.ThreatModel.Tests.Discovery;

public class ComposeDiscoveryTests
{
    [Fact]
    public async Task Services_published_on_all_interfaces_are_exposed_to_the_internet_without_auth()
    {
        var (_, model) = await CaseAsync("compose-exposed");

        var ray = Get(model, "ray-head");
        Assert.Equal(ComponentType.Orchestrator, ray.Type);
        Assert.Equal(Exposure.Internet, ray.Exposure);
        Assert.Equal("none", Prop(ray, "auth"));
        Assert.Equal("internet", Prop(ray, "dashboard_exposure"));
        Assert.Equal("ray", Prop(ray, "product"));
        Assert.Equal("true", Prop(ray, "secrets_in_env"));

        var mlflow = Get(model, "mlflow");
        Assert.Equal(ComponentType.ExperimentTracking, mlflow.Type);
        Assert.Equal(Exposure.Internet, mlflow.Exposure);
        Assert.Equal("none", Prop(mlflow, "auth"));

        var jupyter = Get(model, "jupyter");
        Assert.Equal(ComponentType.NotebookEnv, jupyter.Type);
        Assert.Equal(Exposure.Internet, jupyter.Exposure);
        Assert.Equal("none", Prop(jupyter, "auth"));
        Assert.Contains("internet", model.TrustZones.Select(z => z.Id));
    }

    [Fact]
    public async Task Each_component_names_the_files_it_was_drafted_from_as_its_sources()
    {
        var (_, model) = await CaseAsync("compose-exposed");

        // Scan findings in those files become evidence for the component's threats.
        Assert.All(model.Components, c => Assert.Equal<string>(["docker-compose.yml"], c.Sources));
    }

    [Fact]
    public async Task Flows_come_from_addresses_in_env_and_command_lines()
    {
        var (_, model) = await CaseAsync("compose-exposed");

        var flows = model.Flows.Select(f => (f.From, f.To, f.Encrypted)).OrderBy(f => f.From).ThenBy(f => f.To).ToList();
        Assert.Equal([("jupyter", "mlflow", (bool?)false), ("jupyter", "ray-head", null), ("mlflow", "db", null)], flows);
    }

    [Fact]
    public async Task Unknown_services_become_notes_and_credentials_are_not_copied()
    {
        var (result, model) = await CaseAsync("compose-exposed");

        Assert.Null(model.FindComponent("trainer"));
        Assert.Contains(result.Notes, n => n.Path == "docker-compose.yml" && n.Message.Contains("'trainer'", StringComparison.Ordinal));
        Assert.DoesNotContain("mlflow:mlflow@", result.Yaml, StringComparison.Ordinal);
        Assert.Equal(ComponentType.DataStore, Get(model, "db").Type);
    }

    [Fact]
    public async Task Evidence_points_at_the_lines_that_show_each_fact()
    {
        var (result, _) = await CaseAsync("compose-exposed");

        Assert.Contains(result.Evidence, e => e.Element == "ray-head" && e.Path == "docker-compose.yml" && e.Line == 7 && e.Fact.Contains("8265", StringComparison.Ordinal));
        Assert.Contains(result.Evidence, e => e.Element == "jupyter" && e.Line == 20 && e.Fact.Contains("--ServerApp.token=''", StringComparison.Ordinal));
        Assert.Contains(result.Evidence, e => e.Element == "jupyter-to-mlflow" && e.Line == 25);
    }

    [Fact]
    public async Task Loopback_bindings_stay_internal_and_auth_settings_are_honoured()
    {
        var (_, model) = await CaseAsync("compose-localhost");

        var ray = Get(model, "ray-head");
        Assert.Equal(Exposure.Internal, ray.Exposure);
        Assert.Equal("internal", Prop(ray, "dashboard_exposure"));
        Assert.Equal("token", Prop(ray, "auth"));
        Assert.Equal("basic", Prop(Get(model, "mlflow"), "auth"));
        Assert.Equal(Exposure.Internal, Get(model, "mlflow").Exposure);
        var jupyter = Get(model, "jupyter");
        Assert.Equal(Exposure.Internal, jupyter.Exposure);
        Assert.Equal("token", Prop(jupyter, "auth"));
        Assert.DoesNotContain("internet", model.TrustZones.Select(z => z.Id));
    }

    [Fact]
    public async Task Unknowns_are_left_absent_and_listed_as_todo()
    {
        var (result, model) = await CaseAsync("compose-exposed");

        var ray = Get(model, "ray-head");
        Assert.False(ray.Props.ContainsKey("runs_submitted_code"));
        Assert.False(ray.Props.ContainsKey("version_pinned"));
        Assert.Contains(result.Questions, q => q.Element == "ray-head" && q.Field == "props.runs_submitted_code");
        Assert.Contains(result.Questions, q => q.Element == "metadata" && q.Field == "owner");
        Assert.Contains("TODO: not in the files", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("runs_submitted_code", result.Yaml, StringComparison.Ordinal);
    }
}
