using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Tests.Services;

public sealed class ComposeServiceTests
{
    [Theory]
    [InlineData("\"8265:8265\"", true)]
    [InlineData("\"0.0.0.0:8265:8265\"", true)]
    [InlineData("\"[::]:8265:8265\"", true)]
    [InlineData("\"8260-8270:8260-8270/tcp\"", true)]
    [InlineData("\"127.0.0.1:8265:8265\"", false)]
    [InlineData("\"[::1]:8265:8265\"", false)]
    [InlineData("\"${BIND_ADDRESS}:8265:8265\"", false)]
    [InlineData("\"10.1.2.3:8265:8265\"", false)]
    [InlineData("\"18265:8000\"", false)]
    [InlineData("{target: 8265, published: 8265}", true)]
    [InlineData("{target: 8265, published: 8265, host_ip: 127.0.0.1}", false)]
    public async Task Only_ports_published_on_all_interfaces_expose_the_ray_dashboard(string port, bool exposed)
    {
        var findings = await ServiceScan.Files(("docker-compose.yml", $"""
            services:
              head:
                image: rayproject/ray:2.9.0
                command: ray start --head --dashboard-host=0.0.0.0 --block
                ports:
                  - {port}
            """));

        Assert.Equal(exposed, findings.Any(f => f.RuleId == "AG-SVC-001"));
    }

    [Fact]
    public async Task A_dashboard_left_on_loopback_inside_the_container_is_not_reachable_through_the_published_port()
    {
        var findings = await ServiceScan.Files(("compose.yaml", """
            services:
              head:
                image: rayproject/ray:2.9.0
                command: ["ray", "start", "--head", "--dashboard-host", "127.0.0.1"]
                ports: ["8265:8265"]
            """));

        Assert.DoesNotContain(findings, f => f.RuleId == "AG-SVC-001");
    }

    [Fact]
    public async Task Host_networking_makes_the_process_bind_address_decide()
    {
        var findings = await ServiceScan.Files(
            ("a/docker-compose.yml", "services:\n  tracking:\n    image: ghcr.io/mlflow/mlflow:v2.9.2\n    network_mode: host\n    command: mlflow server --host 0.0.0.0\n"),
            ("b/docker-compose.yml", "services:\n  tracking:\n    image: ghcr.io/mlflow/mlflow:v2.9.2\n    network_mode: host\n    command: mlflow server --port 5000\n"));

        var finding = Assert.Single(findings, f => f.RuleId == "AG-SVC-003");
        Assert.Equal("a/docker-compose.yml", finding.Location.Path);
        Assert.Contains("host networking", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_wrapped_in_sh_c_and_a_moved_port_are_followed()
    {
        var findings = await ServiceScan.Files(("docker-compose.yml", """
            services:
              tracking:
                build: .
                entrypoint: ["/bin/sh", "-c"]
                command: ["pip install boto3 && exec mlflow server --host 0.0.0.0 --port 8080"]
                ports: ["8080:8080"]
            """));

        var finding = Assert.Single(findings, f => f.RuleId == "AG-SVC-003");
        Assert.Contains("port 8080", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_lists_and_merge_keys_feed_the_checks_once()
    {
        var findings = await ServiceScan.Files(("docker-compose.yml", """
            x-common: &common
              image: apache/airflow:2.9.3
              environment:
                - AIRFLOW__WEBSERVER__EXPOSE_CONFIG=True
            services:
              web:
                <<: *common
                command: webserver
              scheduler:
                <<: *common
                command: scheduler
            """));

        Assert.Single(findings, f => f.RuleId == "AG-SVC-024");
    }

    [Fact]
    public async Task Authentication_turns_an_exposure_into_an_informational_finding()
    {
        var findings = await ServiceScan.Files(("docker-compose.yml", """
            services:
              head:
                image: rayproject/ray:2.52.0
                command: ray start --head --dashboard-host=0.0.0.0 --block
                environment:
                  RAY_AUTH_MODE: token
                ports: ["8265:8265"]
            """));

        Assert.DoesNotContain(findings, f => f.RuleId == "AG-SVC-001");
        Assert.Contains(findings, f => f.RuleId == "AG-SVC-026" && f.Severity == Severity.Info);
    }

    [Fact]
    public async Task Ray_workers_are_not_reported_as_heads()
    {
        var findings = await ServiceScan.Files(("docker-compose.yml", """
            services:
              worker:
                image: rayproject/ray:2.9.0
                command: ray start --address=head:6379 --block
                ports: ["8265:8265"]
            """));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Jupyter_with_a_password_and_an_empty_token_is_authenticated()
    {
        var findings = await ServiceScan.Files(("docker-compose.yml", """
            services:
              lab:
                image: quay.io/jupyter/base-notebook:2024-05-01
                command: start-notebook.py --ServerApp.token='' --ServerApp.password='argon2:$$argon2id$$v=19$$m=10240'
                ports: ["8888:8888"]
            """));

        Assert.DoesNotContain(findings, f => f.RuleId == "AG-SVC-010");
        Assert.Contains(findings, f => f.RuleId == "AG-SVC-026");
    }
}
