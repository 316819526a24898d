using System.IO.Compression;

namespace AtlasGuard.Detectors.Tests.Models.Gguf;

public sealed class GgufDetectorTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Formats", "gguf");

    [Fact]
    public async Task Should_find_the_payload_When_the_gguf_is_a_deflated_zip_member()
    {
        // Given
        var dir = Directory.CreateTempSubdirectory("atlasguard-gguf-");
        try
        {
            var zipPath = Path.Combine(dir.FullName, "bundle.zip");
            using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            {
                zip.CreateEntryFromFile(Path.Combine(FixtureRoot, "cycler-init-globals", "model.gguf"), "models/weights.bin", CompressionLevel.Optimal);
            }

            // When
            var findings = await GgufFixtureTests.Scan(dir.FullName);

            // Then
            var finding = Assert.Single(findings, f => f.RuleId == "AG-MDL-020");
            Assert.Equal("models/weights.bin", finding.Location.InnerPath);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Should_report_an_unreadable_config_When_json_nests_too_deep()
    {
        var dir = Directory.CreateTempSubdirectory("atlasguard-gguf-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "tokenizer_config.json"), new string('[', 1000) + new string(']', 1000));

            var findings = await GgufFixtureTests.Scan(dir.FullName);

            Assert.Equal("AG-MDL-024", Assert.Single(findings).RuleId);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Should_ignore_web_templates_When_they_are_not_chat_templates()
    {
        var dir = Directory.CreateTempSubdirectory("atlasguard-gguf-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "index.jinja"), "{{ request.args }}{{ config.SECRET }}");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "chat_template.jinja"), "{{ request.args }}");

            var findings = await GgufFixtureTests.Scan(dir.FullName);

            var finding = Assert.Single(findings);
            Assert.Equal("AG-MDL-021", finding.RuleId);
            Assert.Equal("chat_template.jinja", finding.Location.Path);
            Assert.Equal(1, finding.Location.Line);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Should_analyse_every_named_template_When_the_config_holds_a_list()
    {
        var dir = Directory.CreateTempSubdirectory("atlasguard-gguf-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "tokenizer_config.json"), """
                {"chat_template": [{"name": "default", "template": "{{ messages }}"}, {"name": "rag", "template": "{{ lipsum.__globals__ }}"}]}
                """);

            var findings = await GgufFixtureTests.Scan(dir.FullName);

            var finding = Assert.Single(findings);
            Assert.Equal("AG-MDL-020", finding.RuleId);
            Assert.Contains("chat_template[rag]", finding.Evidence, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
