using System.Diagnostics;
using System.Text;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Detectors.Ci;
using AtlasGuard.Testing;

namespace AtlasGuard.Detectors.Tests.Ci;

public sealed class WorkflowDetectorTests
{
    internal static ScanTarget Target(string path, byte[] bytes) =>
        new(new ArtifactLocation(path), Path.GetFileName(path), bytes.Length, ArtifactKind.Unknown, bytes.AsMemory(0, Math.Min(bytes.Length, 4096)), () => new MemoryStream(bytes));

    private static async Task<List<Finding>> Analyze(string path, string text) => await Analyze(path, Encoding.UTF8.GetBytes(text));

    private static Task<List<Finding>> Analyze(string path, byte[] bytes) => Run(new WorkflowDetector(), path, bytes);

    /// <summary>Runs one detector on an in-memory file that it must apply to.</summary>
    internal static async Task<List<Finding>> Run(IDetector detector, string path, byte[] bytes)
    {
        var target = Target(path, bytes);
        Assert.True(detector.IsApplicable(target), path);
        var sink = new CollectingSink();
        await detector.AnalyzeAsync(target, sink, CancellationToken.None);
        return [.. sink.Findings];
    }

    [Theory]
    [InlineData(".github/workflows/ci.yml", true)]
    [InlineData("sub/repo/.github/workflows/ci.yaml", true)]
    [InlineData("tools/action.yml", true)]
    [InlineData("config/ci.yml", false)]
    [InlineData(".github/workflows/notes.md", false)]
    public void Applies_to_workflow_and_action_files_by_path(string path, bool applies)
    {
        var bytes = Encoding.UTF8.GetBytes("name: x\n");

        Assert.Equal(applies, new WorkflowDetector().IsApplicable(Target(path, bytes)));
    }

    [Fact]
    public void A_yaml_file_outside_github_applies_when_its_head_looks_like_a_workflow()
    {
        var bytes = Encoding.UTF8.GetBytes("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n");

        Assert.True(new WorkflowDetector().IsApplicable(Target("ci.yml", bytes)));
    }

    [Fact]
    public async Task An_injection_is_reported_at_the_script_line_with_the_expression_as_evidence()
    {
        var yaml = "on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo start\n          echo \"${{ github.event.pull_request.title }}\"\n";

        var findings = await Analyze(".github/workflows/x.yml", yaml);

        var finding = Assert.Single(findings, f => f.RuleId == "AG-CI-002");
        Assert.Equal(9, finding.Location.Line);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("${{ github.event.pull_request.title }}", finding.Evidence);
    }

    [Fact]
    public async Task A_dispatch_input_in_a_script_is_low()
    {
        var yaml = "on: workflow_dispatch\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py --lr ${{ github.event.inputs.lr }}\n";

        var findings = await Analyze(".github/workflows/x.yml", yaml);

        Assert.Equal(Severity.Low, Assert.Single(findings, f => f.RuleId == "AG-CI-002").Severity);
    }

    [Fact]
    public async Task A_privileged_head_checkout_with_nothing_after_it_is_medium()
    {
        var yaml = "on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          ref: refs/pull/${{ github.event.number }}/merge\n          persist-credentials: false\n";

        var findings = await Analyze(".github/workflows/x.yml", yaml);

        var finding = Assert.Single(findings, f => f.RuleId == "AG-CI-001");
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(7, finding.Location.Line);
    }

    [Fact]
    public async Task First_party_unpinned_actions_are_low_and_third_party_medium()
    {
        var yaml = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: some-org/some-action@main\n      - uses: ./.github/actions/local\n";

        var findings = (await Analyze(".github/workflows/x.yml", yaml)).Where(f => f.RuleId == "AG-CI-004").OrderBy(f => f.Location.Line).ToList();

        Assert.Equal([Severity.Low, Severity.Medium], findings.Select(f => f.Severity));
        Assert.Equal([6, 7], findings.Select(f => f.Location.Line ?? 0));
    }

    [Fact]
    public async Task An_alias_bomb_stops_at_the_node_limit_with_a_finding()
    {
        var sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            sb.Append(CultureInfoInvariant($"{(char)('a' + i)}: &{(char)('a' + i)} [*{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}]\n"));
        }

        sb.Append("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps: *j\n");
        var watch = Stopwatch.StartNew();

        var findings = await Analyze(".github/workflows/bomb.yml", sb.ToString());

        Assert.Contains(findings, f => f.RuleId == "AG-CI-010");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Deep_nesting_gives_a_finding_not_a_crash()
    {
        var yaml = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        with: " + new string('[', 5_000) + new string(']', 5_000) + "\n";

        var findings = await Analyze(".github/workflows/deep.yml", yaml);

        Assert.Contains(findings, f => f.RuleId == "AG-CI-010");
    }

    [Fact]
    public async Task A_huge_run_block_is_scanned_in_bounded_time()
    {
        var line = "          echo \"${{ github.event.issue.title }}\" ${{ github.sha }} ${{ inputs.x }}\n";
        var sb = new StringBuilder("on: issues\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n");
        while (sb.Length < 12_000_000)
        {
            sb.Append(line);
        }

        var watch = Stopwatch.StartNew();

        var findings = await Analyze(".github/workflows/huge.yml", sb.ToString());

        Assert.Equal(2, findings.Count(f => f.RuleId == "AG-CI-002"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Invalid_utf8_is_read_with_replacement_characters()
    {
        var head = Encoding.UTF8.GetBytes("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"");
        var tail = Encoding.UTF8.GetBytes(" ${{ github.head_ref }}\"\n");
        byte[] bytes = [.. head, 0xC3, 0x28, 0xFF, .. tail];

        var findings = await Analyze(".github/workflows/bad.yml", bytes);

        Assert.Contains(findings, f => f.RuleId == "AG-CI-002");
    }

    [Fact]
    public async Task A_binary_file_named_yml_gives_no_finding()
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;

        var findings = await Analyze(".github/workflows/blob.yml", bytes);

        Assert.Empty(findings);
    }

    [Fact]
    public async Task A_head_checkout_guarded_against_forks_is_medium()
    {
        var yaml = "on: pull_request_target\npermissions: {}\njobs:\n  a:\n    if: github.event.pull_request.head.repo.full_name == github.repository\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n          persist-credentials: false\n      - run: make test\n";

        var finding = Assert.Single(await Analyze(".github/workflows/x.yml", yaml), f => f.RuleId == "AG-CI-001");

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("keeps forks out", finding.Message, StringComparison.Ordinal);
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
