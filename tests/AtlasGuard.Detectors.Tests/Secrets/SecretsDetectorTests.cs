using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AtlasGuard.Core.Findings;
using AtlasGuard.Detectors.Secrets;
using AtlasGuard.Detectors.Tests.Models;

namespace AtlasGuard.Detectors.Tests.Secrets;

public sealed partial class SecretsDetectorTests
{
    private const string Token = "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";
    private const string Signature = "k3Qx9P2mLr7vT1wZ8nB4cY6dH0jF5gS2aE9uK7oI3qM%3D";

    [Fact]
    public async Task A_token_printed_in_a_notebook_output_points_at_the_cell_output_and_the_file_line()
    {
        var notebook = Path.Combine(SecretFixtures.Root, "hf-token-in-notebook", "explore.ipynb");
        var text = await File.ReadAllTextAsync(notebook);

        var findings = await SecretFixtures.Analyze("explore.ipynb", text);

        var finding = Assert.Single(findings);
        Assert.Equal("AG-SEC-001", finding.RuleId);
        Assert.Contains("cell 2, line 2", finding.Message, StringComparison.Ordinal);
        Assert.Contains("occurs 1 more time", finding.Message, StringComparison.Ordinal);
        var line = text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("login(token=", StringComparison.Ordinal)).i + 1;
        Assert.Equal(line, finding.Location.Line);
    }

    [Fact]
    public async Task A_token_only_in_an_output_says_it_was_printed()
    {
        var notebook = """{"cells": [{"cell_type": "code", "source": ["print(tok)"], "outputs": [{"output_type": "stream", "name": "stdout", "text": ["HF_TOKEN""" + "=" + Token + """\n"]}]}], "nbformat": 4}""";

        var finding = Assert.Single(await SecretFixtures.Analyze("nb.ipynb", notebook));

        Assert.Contains("cell 1, output 1, line 1 (printed in the cell's output)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findings_of_every_fixture_never_contain_a_secret_from_the_fixtures()
    {
        var findings = await ModelFixtureTests.Scan(SecretFixtures.Root);
        var secrets = Directory.EnumerateFiles(SecretFixtures.Root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "case.json")
            .SelectMany(f =>
            {
                // Commit SHAs that pin actions ("uses: owner/action@<sha>") are public, not secrets.
                var text = File.ReadAllText(f);
                return LongRun().Matches(text).Where(m => m.Index == 0 || text[m.Index - 1] != '@').Select(m => m.Value);
            })
            .Where(s => !s.StartsWith("AKIAIOSFODNN7EXAMPLE", StringComparison.Ordinal) && !NameLike().IsMatch(s))
            .Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(secrets);
        Assert.Contains(findings, f => f.RuleId.StartsWith("AG-SEC-", StringComparison.Ordinal));

        foreach (var finding in findings)
        {
            var json = JsonSerializer.Serialize(finding);
            foreach (var secret in secrets)
            {
                for (var i = 0; i + 16 <= secret.Length; i += 4)
                {
                    Assert.False(json.Contains(secret.Substring(i, 16), StringComparison.Ordinal), $"{finding.RuleId} shows part of a secret: {json}");
                }
            }
        }
    }

    [Fact]
    public async Task Evidence_shows_a_few_characters_and_a_short_hash()
    {
        var finding = Assert.Single(await SecretFixtures.Analyze("a.py", $"token = '{Token}'\n"));

        Assert.Equal($"hf_EC\u2026 (sha256:{SecretRedaction.Hash(Token)}, 37 chars)", finding.Evidence);
        Assert.DoesNotContain(Token, finding.Fingerprint, StringComparison.Ordinal);
        Assert.Equal(1, finding.Location.Line);
        Assert.Equal(10, finding.Location.Column);
    }

    [Theory]
    [InlineData("sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacupx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z", Severity.Critical, "write")]
    [InlineData("sv=2022-11-02&sr=b&sp=r&st=2026-01-10T08:00:00Z&se=2026-01-10T16:00:00Z", Severity.High, "expires 2026-01-10")]
    [InlineData("sv=2022-11-02&sr=b&sp=r&se=2031-01-01", Severity.Critical, "years")]
    [InlineData("sv=2022-11-02&sr=c&sp=rl&se=2026-01-10T16:00:00Z", Severity.Critical, "list")]
    [InlineData("sv=2022-11-02&sr=b&sp=r", Severity.Critical, "no expiry")]
    [InlineData("sv=2022-11-02&sr=b&sp=r&se=2025-12-31", Severity.Medium, "expired")]
    public async Task A_sas_token_is_judged_by_its_permissions_and_expiry(string query, Severity severity, string mentioned)
    {
        var clock = new SecretFixtures.FixedClock(new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));
        var url = $"url = \"https://acme.blob.core.windows.net/data/train.csv?{query}&spr=https&sig={Signature}\"\n";

        var finding = Assert.Single(await SecretFixtures.Analyze("fetch.py", url, clock));

        Assert.Equal("AG-SEC-006", finding.RuleId);
        Assert.Equal(severity, finding.Severity);
        Assert.Contains(mentioned, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Signature[..12], finding.Message + finding.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Amz-Date=20260110T080000Z&X-Amz-Expires=3600", Severity.High, "valid until 2026-01-10 09:00Z")]
    [InlineData("X-Amz-Date=20190814T220617Z&X-Amz-Expires=3600", Severity.Low, "expired 2019-08-14 23:06Z")]
    [InlineData("X-Amz-Expires=3600", Severity.High, "cannot be read")]
    public async Task An_aws_key_id_in_a_presigned_url_is_judged_by_the_url_expiry(string timing, Severity severity, string mentioned)
    {
        var clock = new SecretFixtures.FixedClock(new DateTimeOffset(2026, 1, 10, 8, 30, 0, TimeSpan.Zero));
        var url = "\"downloadUrl\": \"https://models.s3.us-west-2.amazonaws.com/fraud/model.pt?X-Amz-Algorithm=AWS4-HMAC-SHA256&"
            + timing + "&X-Amz-SignedHeaders=host&X-Amz-Credential=AKIA32P3D2JDNMVAJLGF%2F20190814%2Fus-west-2%2Fs3%2Faws4_request"
            + "&X-Amz-Signature=9161345894947a1672467a0da7a1550f2f7157318312fe4941b59976239c3337\"\n";

        var finding = Assert.Single(await SecretFixtures.Analyze("release-notes.md", url, clock));

        Assert.Equal("AG-SEC-005", finding.RuleId);
        Assert.Equal(severity, finding.Severity);
        Assert.Contains("presigned URL", finding.Message, StringComparison.Ordinal);
        Assert.Contains(mentioned, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIA32P3D2JDNMVAJLGF", finding.Message + finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_documentation_placeholder_key_id_in_a_presigned_url_is_not_reported()
    {
        const string url = "https://s3.amazonaws.com/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20180820%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20180820T212200Z&X-Amz-Expires=900&X-Amz-Signature=aaaa\n";

        Assert.Empty(await SecretFixtures.Analyze("docs.rst", url));
    }

    [Fact]
    public async Task A_bare_aws_key_id_is_still_reported_by_its_pattern()
    {
        var finding = Assert.Single(await SecretFixtures.Analyze("settings.py", "aws_access_key_id = \"AKIARGIXHRUO4KAZ3T7Y\"\n"));

        Assert.Equal("AG-SEC-005", finding.RuleId);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.DoesNotContain("presigned", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_sas_is_found_too()
    {
        var text = $"AZURE_STORAGE_CONNECTION_STRING=\"BlobEndpoint=https://acme.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2030-01-01T00:00:00Z&sig={Signature}\"\n";

        var finding = Assert.Single(await SecretFixtures.Analyze("app.yaml", text, new SecretFixtures.FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))));

        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("account SAS", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_account_key_is_reported_once_with_its_account_and_not_again_as_a_private_key()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(SecretFixtures.Root, "gcp-service-account-json", "sa-key.json"));

        var finding = Assert.Single(await SecretFixtures.Analyze("sa-key.json", text));

        Assert.Equal("AG-SEC-007", finding.RuleId);
        Assert.Contains("trainer@acme-fraud.iam.gserviceaccount.com", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mlflow_default_admin_password_is_critical()
    {
        var findings = await SecretFixtures.Analyze("basic_auth.ini", "[mlflow]\nadmin_username = admin\nadmin_password = password1234\n");

        var finding = Assert.Single(findings);
        Assert.Equal(("AG-SEC-011", Severity.Critical, 3), (finding.RuleId, finding.Severity, finding.Location.Line));
    }

    [Fact]
    public async Task A_broken_notebook_is_reported_once_as_not_fully_read_and_still_scanned()
    {
        var findings = await SecretFixtures.Analyze("nb.ipynb", "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"login('" + Token + "')\"");

        Assert.Single(findings, f => f.RuleId == "AG-SCN-001");
        Assert.Single(findings, f => f.RuleId == "AG-SEC-001");
    }

    [Fact]
    public async Task A_binary_file_with_a_source_name_gives_nothing()
    {
        var bytes = Encoding.UTF8.GetBytes("x" + Token);
        bytes[0] = 0;
        var target = SecretFixtures.Target("model.py", bytes);

        Assert.False(new SecretsDetector().IsApplicable(target));
    }

    [Fact]
    public async Task Invalid_utf8_around_a_token_does_not_hide_it()
    {
        var bytes = new List<byte> { 0xC3, 0x28, 0xA0, 0xA1, 0x0A };
        bytes.AddRange(Encoding.ASCII.GetBytes($"token = '{Token}'\n"));
        bytes.AddRange([0xF0, 0x28, 0x8C, 0x28, 0x0A]);

        var finding = Assert.Single(await SecretFixtures.Analyze(SecretFixtures.Target("a.py", [.. bytes])));

        Assert.Equal(("AG-SEC-001", 2), (finding.RuleId, finding.Location.Line));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("hf_")]
    [InlineData("sig=")]
    [InlineData("-----BEGIN PRIVATE KEY-----")]
    [InlineData("wandb_api_key=")]
    [InlineData("service_account\"type\"")]
    public async Task A_5_mb_single_line_of_one_repeated_anchor_is_scanned_in_bounded_time(string unit)
    {
        var text = unit == "random" ? RandomLine(5_000_000) : string.Concat(Enumerable.Repeat(unit, 5_000_000 / unit.Length));
        var watch = Stopwatch.StartNew();

        var findings = await SecretFixtures.Analyze("big.py", text);

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{unit}: {watch.Elapsed}");
        Assert.DoesNotContain(findings, f => f.Severity >= Severity.Medium);
    }

    [Theory]
    [InlineData("<your-token>")]
    [InlineData("${HF_TOKEN}")]
    [InlineData("changeme")]
    [InlineData("xxxxxxxxxxxx")]
    [InlineData("")]
    [InlineData("{{ secrets.HF_TOKEN }}")]
    [InlineData("os.environ['HF_TOKEN']")]
    public void Placeholders_are_recognised(string value) => Assert.True(SecretValues.IsPlaceholder(value));

    [Theory]
    [InlineData("Tr4ck!ng-Pa55-2026")]
    [InlineData("password1234")]
    public void Real_values_are_not_placeholders(string value) => Assert.False(SecretValues.IsPlaceholder(value));

    private static string RandomLine(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= ";
        var random = new Random(6);
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    [GeneratedRegex("[A-Za-z0-9_+/~%-]{20,}")]
    private static partial Regex LongRun();

    /// <summary>Variable, identifier and action names (one case of letters, underscores, hyphens and slashes), which messages may name.</summary>
    [GeneratedRegex("^(?:[A-Z_/-]+|[a-z_/-]+)$")]
    private static partial Regex NameLike();
}
