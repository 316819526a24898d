using System.Diagnostics;
using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Detectors.Dependencies;
using AtlasGuard.Detectors.Tests.Ci;

namespace AtlasGuard.Detectors.Tests.Dependencies;

public sealed class PackageIndexDetectorTests
{
    private static Task<List<Finding>> Analyze(string path, string text) =>
        WorkflowDetectorTests.Run(new PackageIndexDetector(), path, Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("requirements.txt", true)]
    [InlineData("requirements-dev.txt", true)]
    [InlineData("dev-requirements.in", true)]
    [InlineData("requirements/base.txt", true)]
    [InlineData("constraints.txt", true)]
    [InlineData("pip.conf", true)]
    [InlineData("docker/Dockerfile.gpu", true)]
    [InlineData("scripts/setup.sh", true)]
    [InlineData("environment.yml", true)]
    [InlineData("notes.txt", false)]
    [InlineData("MANIFEST.in", false)]
    [InlineData("config.yml", false)]
    public void Applies_to_files_that_configure_installs(string path, bool applies)
    {
        var target = WorkflowDetectorTests.Target(path, Encoding.UTF8.GetBytes("x"));

        Assert.Equal(applies, new PackageIndexDetector().IsApplicable(target));
    }

    [Theory]
    [InlineData("--extra-index-url https://pkgs.example.com/simple\nnumpy\n", Severity.High)]
    [InlineData("--extra-index-url=https://pkgs.example.com/simple\nnumpy\n", Severity.High)]
    [InlineData("--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.3.1\n", Severity.Medium)]
    [InlineData("--extra-index-url https://pkgs.example.com/simple\nnumpy==1.26.4 --hash=sha256:00\n", Severity.Medium)]
    [InlineData("--extra-index-url https://pypi.nvidia.com\ntensorrt==10.0.1 --hash=sha256:00\n", Severity.Low)]
    [InlineData("--index-url https://pkgs.example.com/simple\n--extra-index-url https://pypi.org/simple\nnumpy==1.26.4 --hash=sha256:00\n", Severity.High)]
    public async Task Severity_depends_on_the_index_and_on_hashes(string requirements, Severity severity)
    {
        var findings = await Analyze("requirements.txt", requirements);

        Assert.Equal(severity, Assert.Single(findings, f => f.RuleId == "AG-DEP-001").Severity);
    }

    [Theory]
    [InlineData("# --extra-index-url https://pkgs.example.com/simple\nnumpy\n")]
    [InlineData("--index-url https://pkgs.example.com/simple\nnumpy\n")]
    [InlineData("numpy\npandas\n")]
    public async Task Comments_and_a_single_index_are_not_reported(string requirements)
    {
        Assert.Empty(await Analyze("requirements.txt", requirements));
    }

    [Fact]
    public async Task A_pip_variable_in_a_dockerfile_is_reported_at_its_line()
    {
        var dockerfile = "FROM python:3.11\nENV PIP_EXTRA_INDEX_URL=https://pkgs.example.com/simple\nRUN pip install fraud-features\n";

        var finding = Assert.Single(await Analyze("Dockerfile", dockerfile));

        Assert.Equal("AG-DEP-001", finding.RuleId);
        Assert.Equal(2, finding.Location.Line);
    }

    [Fact]
    public async Task Uv_is_not_reported_for_an_extra_index_but_is_for_an_unsafe_strategy()
    {
        var script = "uv pip install --extra-index-url https://pkgs.example.com/simple \\\n  --index-strategy unsafe-best-match fraud-features\n";

        var findings = await Analyze("install.sh", script);

        Assert.Equal(["AG-DEP-004"], findings.Select(f => f.RuleId));
    }

    [Fact]
    public async Task Credentials_in_an_index_url_are_never_shown()
    {
        var findings = await Analyze("pip.conf", "[global]\nindex-url = https://ci:s3cr3t-t0k3n@pkgs.example.com/simple\n");

        var finding = Assert.Single(findings);
        Assert.Equal("AG-DEP-002", finding.RuleId);
        Assert.DoesNotContain("s3cr3t", finding.Message + finding.Evidence, StringComparison.Ordinal);
        Assert.Contains("pkgs.example.com", finding.Evidence, StringComparison.Ordinal);
        Assert.Equal(2, finding.Location.Line);
    }

    [Fact]
    public async Task A_notebook_cell_is_reported_at_the_ipynb_line_with_its_cell()
    {
        var notebook = "{\n \"cells\": [\n  {\"cell_type\": \"code\", \"source\": [\n   \"import os\\n\",\n   \"!pip install x --extra-index-url https://pkgs.example.com/simple\"\n  ], \"outputs\": []}\n ]\n}\n";

        var finding = Assert.Single(await Analyze("setup.ipynb", notebook));

        Assert.Equal(5, finding.Location.Line);
        Assert.Contains("cell 1, line 2", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flag_whose_value_is_on_the_next_line_is_read()
    {
        var finding = Assert.Single(await Analyze("install.sh", "pip install torch --extra-index-url \\\n    https://pkgs.example.com/simple\n"));

        Assert.Contains("pkgs.example.com", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_extra_index_variable_is_not_an_index()
    {
        Assert.Empty(await Analyze("Dockerfile", "FROM python:3.12\nENV PIP_EXTRA_INDEX_URL=\"\"\nRUN pip install numpy\n"));
    }

    [Fact]
    public async Task Invalid_utf8_and_binary_content_are_handled()
    {
        byte[] invalid = [.. Encoding.UTF8.GetBytes("--extra-index-url https://pkgs.example.com/simple\n"), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\nnumpy\n")];
        var binary = new byte[8192];
        new Random(3).NextBytes(binary);
        binary[0] = 0;

        var fromInvalid = await WorkflowDetectorTests.Run(new PackageIndexDetector(), "requirements.txt", invalid);
        var fromBinary = await WorkflowDetectorTests.Run(new PackageIndexDetector(), "requirements.txt", binary);

        Assert.Equal("AG-DEP-001", Assert.Single(fromInvalid).RuleId);
        Assert.Empty(fromBinary);
    }

    [Fact]
    public async Task A_huge_single_line_with_many_flags_stays_fast()
    {
        var sb = new StringBuilder();
        while (sb.Length < 20_000_000)
        {
            sb.Append("pip install x --extra-index-url https://pkgs.example.com/simple ; ");
        }

        var watch = Stopwatch.StartNew();

        var findings = await Analyze("setup.sh", sb.ToString());

        Assert.NotEmpty(findings);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
