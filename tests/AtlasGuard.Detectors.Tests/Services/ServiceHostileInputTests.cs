using System.Text;

namespace AtlasGuard.Detectors.Tests.Services;

/// <summary>
/// Hostile deployment files through the whole engine: each scan ends without an exception and without hitting the
/// per-file time limit (AG-SCN-003); sizes keep each case well under the limit on a shared machine.
/// </summary>
public sealed class ServiceHostileInputTests
{
    [Fact]
    public async Task Deeply_nested_yaml_is_refused_by_the_reader_bounds()
    {
        var text = "services:\n  a:\n    image: rayproject/ray\n    x: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var findings = await ServiceScan.Files(("docker-compose.yml", text));

        Assert.DoesNotContain(findings, f => f.RuleId == "AG-SCN-003");
    }

    [Fact]
    public async Task An_alias_bomb_is_refused()
    {
        var text = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            var previous = "*a" + (i == 1 ? string.Empty : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            text.Append("a").Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(", ", Enumerable.Repeat(previous, 8))).Append("]\n");
        }

        text.Append("services:\n  ray:\n    image: rayproject/ray\n    command: ray start --head --dashboard-host=0.0.0.0\n    ports: ['8265:8265']\n    labels: *a11\n");

        var findings = await ServiceScan.Files(("compose.yaml", text.ToString()));

        Assert.DoesNotContain(findings, f => f.RuleId == "AG-SCN-003");
    }

    [Fact]
    public async Task Thousands_of_documents_are_read_up_to_the_document_limit()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 5_000; i++)
        {
            text.Append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c").Append(i).Append("}\ndata: {k: v}\n");
        }

        text.Append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: lab}\nspec:\n  hostNetwork: true\n  containers: [{name: l, image: quay.io/jupyter/base-notebook, args: [\"--ServerApp.token=\", \"--ip=0.0.0.0\"]}]\n");

        var findings = await ServiceScan.Files(("big.yaml", text.ToString()));

        Assert.DoesNotContain(findings, f => f.RuleId == "AG-SCN-003");
        Assert.DoesNotContain(findings, f => f.RuleId == "AG-SVC-010");
    }

    [Fact]
    public async Task Invalid_utf8_is_read_with_replacement_characters()
    {
        var bytes = Encoding.UTF8.GetBytes("services:\n  ollama:\n    image: ollama/ollama\n    labels: {x: \"").Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE })
            .Concat(Encoding.UTF8.GetBytes("\"}\n    ports: [\"11434:11434\"]\n")).ToArray();
        using var tree = new AtlasGuard.Testing.TempTree();
        tree.Write("docker-compose.yml", bytes);

        var findings = await Hostile.HostileInputTests.Scan(tree.Root);

        Assert.Contains(findings, f => f.RuleId == "AG-SVC-009");
    }

    [Fact]
    public async Task A_huge_single_line_script_stays_bounded()
    {
        var text = "#!/bin/sh\nmlflow server --host 0.0.0.0 " + new string('a', 25 << 20) + "\n";

        var findings = await ServiceScan.Files(("huge.sh", text));

        Assert.DoesNotContain(findings, f => f.RuleId == "AG-SCN-003");
    }

    [Fact]
    public async Task A_binary_file_named_like_a_compose_file_is_left_alone()
    {
        var bytes = new byte[64 << 10];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        using var tree = new AtlasGuard.Testing.TempTree();
        tree.Write("docker-compose.yml", bytes);
        tree.Write("Dockerfile", bytes);
        tree.Write("config.properties", bytes);

        var findings = await Hostile.HostileInputTests.Scan(tree.Root);

        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("AG-SVC-", StringComparison.Ordinal) || f.RuleId == "AG-SCN-003");
    }
}
