namespace AtlasGuard.Detectors.Tests.Services;

public sealed class HostServiceTests
{
    [Fact]
    public async Task Exported_variables_reach_the_commands_that_follow()
    {
        var findings = await ServiceScan.Files(("serve.sh", "#!/bin/sh\nexport OLLAMA_HOST=0.0.0.0:11434\nollama serve\n"));

        var finding = Assert.Single(findings, f => f.RuleId == "AG-SVC-009");
        Assert.Equal(2, finding.Location.Line);
    }

    [Fact]
    public async Task Prefix_assignments_and_wrappers_are_looked_through()
    {
        var findings = await ServiceScan.Files(("run.bash", "cd /srv && OLLAMA_HOST=0.0.0.0 nohup ollama serve > /var/log/ollama.log 2>&1 &\n"));

        Assert.Contains(findings, f => f.RuleId == "AG-SVC-009");
    }

    [Fact]
    public async Task A_service_on_its_default_loopback_address_is_not_reported()
    {
        var findings = await ServiceScan.Files(("dev.sh", "mlflow ui\ntensorboard --logdir runs\nollama serve\njupyter lab --no-browser\nray start --head\n"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Vllm_listens_on_all_interfaces_unless_told_otherwise()
    {
        var findings = await ServiceScan.Files(
            ("open.sh", "vllm serve Qwen/Qwen2.5-7B-Instruct --port 8001\n"),
            ("closed.sh", "vllm serve Qwen/Qwen2.5-7B-Instruct --host 127.0.0.1 --port 8001\n"));

        var finding = Assert.Single(findings, f => f.RuleId == "AG-SVC-015");
        Assert.Equal("open.sh", finding.Location.Path);
        Assert.Contains("port 8001", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamlit_app_on_its_default_bind_is_low_and_an_explicit_bind_is_medium()
    {
        var findings = await ServiceScan.Files(
            ("default.sh", "streamlit run app.py\n"),
            ("explicit.sh", "streamlit run app.py --server.address 0.0.0.0\n"));

        Assert.Equal(Core.Findings.Severity.Low, Assert.Single(findings, f => f.Location.Path == "default.sh").Severity);
        Assert.Equal(Core.Findings.Severity.Medium, Assert.Single(findings, f => f.Location.Path == "explicit.sh").Severity);
    }

    [Fact]
    public async Task Docker_run_publishing_follows_the_same_address_rules_as_compose()
    {
        var findings = await ServiceScan.Files(("start.sh", """
            docker run -d -p 11434:11434 ollama/ollama
            docker run -d -p 127.0.0.1:11435:11434 --name local ollama/ollama
            podman run --rm --publish=0.0.0.0:6006:6006 tensorflow/tensorflow:2.17.0 tensorboard --logdir /runs --bind_all
            """));

        Assert.Single(findings, f => f.RuleId == "AG-SVC-009");
        Assert.Single(findings, f => f.RuleId == "AG-SVC-012");
    }

    [Fact]
    public async Task Systemd_units_read_exec_start_and_environment()
    {
        var findings = await ServiceScan.Files(("deploy/mlflow.service", """
            [Unit]
            Description=MLflow tracking server

            [Service]
            Environment="MLFLOW_SERVER_ALLOWED_HOSTS=*"
            ExecStart=/opt/venv/bin/mlflow server --host 0.0.0.0 --port 5000 --backend-store-uri sqlite:////srv/mlflow.db
            Restart=always
            """));

        Assert.Contains(findings, f => f.RuleId == "AG-SVC-003" && f.Location.Line == 6);
        Assert.Contains(findings, f => f.RuleId == "AG-SVC-004" && f.Location.Line == 5);
    }

    [Fact]
    public async Task Makefile_recipes_are_scanned_and_other_lines_are_not()
    {
        var findings = await ServiceScan.Files(("Makefile", "HOST := 0.0.0.0\nnotes: ## jupyter lab --ip=0.0.0.0 --ServerApp.token=''\n\t@jupyter lab --ip=$(HOST) --ip=0.0.0.0 --ServerApp.token=''\n"));

        var finding = Assert.Single(findings, f => f.RuleId == "AG-SVC-010");
        Assert.Equal(3, finding.Location.Line);
    }

    [Fact]
    public async Task Dockerfiles_need_both_an_exposed_port_and_an_all_interfaces_bind()
    {
        var findings = await ServiceScan.Files(
            ("a/Dockerfile", "FROM python:3.12\nRUN pip install mlflow\nEXPOSE 5000\nCMD mlflow server --host 0.0.0.0\n"),
            ("b/Dockerfile", "FROM python:3.12\nRUN pip install mlflow\nEXPOSE 5000\nCMD [\"mlflow\", \"server\"]\n"),
            ("c/Dockerfile", "FROM python:3.12\nCMD mlflow server --host 0.0.0.0\n"),
            ("d/Dockerfile.ollama", "FROM ollama/ollama:0.1.30\nEXPOSE 11434\n"));

        Assert.Equal(["a/Dockerfile"], findings.Where(f => f.RuleId == "AG-SVC-003").Select(f => f.Location.Path));
        Assert.Contains(findings, f => f.RuleId == "AG-SVC-009" && f.Location.Path == "d/Dockerfile.ollama");
    }

    [Fact]
    public async Task Argo_server_mode_is_reported_even_when_other_modes_are_listed()
    {
        var findings = await ServiceScan.Files(("argo.sh", "argo server --auth-mode=client --auth-mode=server\n"));

        Assert.Contains(findings, f => f.RuleId == "AG-SVC-017");
    }

    [Fact]
    public async Task Torchserve_config_continuations_do_not_hide_a_permissive_pattern()
    {
        var findings = await ServiceScan.Files(("config.properties", "allowed_urls=https://models.example.com/.*,\\\n    http(s)?://.*\n"));

        Assert.Contains(findings, f => f.RuleId == "AG-SVC-007");
    }
}
