using System.Text.Json;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Tests.Loading;

/// <summary>
/// One folder per invalid document under Fixtures/Invalid: pipeline.yaml and expected.json. The errors must be
/// exactly the expected ones (code and line, and column, message and hint text where given); expected warnings
/// must be among the warnings.
/// </summary>
public class InvalidFixtureTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Invalid");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Fact]
    public void There_are_fixtures_to_run() => Assert.True(Cases().Count >= 30);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_document_reports_the_expected_diagnostics(string name)
    {
        var path = Path.Combine(Root, name, "pipeline.yaml");
        var result = ThreatModelLoader.LoadFile(path);
        var expected = Expected(name);
        var shown = string.Join(Environment.NewLine, result.Diagnostics);

        Assert.Null(result.Model);
        Assert.All(result.Diagnostics, d => Assert.Equal(path, d.File));
        var expectedErrors = expected.Where(e => e.Severity == "error").Select(e => (e.Code, e.Line)).Order().ToList();
        var actualErrors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => (d.Code, d.Line)).Order().ToList();
        Assert.True(expectedErrors.SequenceEqual(actualErrors), $"expected errors {string.Join(", ", expectedErrors)}; got:{Environment.NewLine}{shown}");

        foreach (var e in expected)
        {
            var match = result.Diagnostics.FirstOrDefault(d => d.Code == e.Code && d.Line == e.Line
                && (e.Severity == "error") == (d.Severity == DiagnosticSeverity.Error));
            Assert.True(match is not null, $"no {e.Severity} {e.Code} on line {e.Line}; got:{Environment.NewLine}{shown}");
            if (e.Column is { } column)
            {
                Assert.True(column == match.Column, $"{e.Code}: column {match.Column}, expected {column}: {match}");
            }

            if (e.MessageContains is { } message)
            {
                Assert.Contains(message, match.Message, StringComparison.Ordinal);
            }

            if (e.HintContains is { } hint)
            {
                Assert.Contains(hint, match.Hint ?? "", StringComparison.Ordinal);
            }
        }
    }

    private static List<ExpectedDiagnostic> Expected(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, name, "expected.json")));
        return [.. doc.RootElement.GetProperty("diagnostics").EnumerateArray().Select(e => new ExpectedDiagnostic(
            e.GetProperty("code").GetString()!,
            e.GetProperty("line").GetInt32(),
            e.TryGetProperty("column", out var c) ? c.GetInt32() : null,
            e.TryGetProperty("severity", out var s) ? s.GetString()! : "error",
            e.TryGetProperty("messageContains", out var m) ? m.GetString() : null,
            e.TryGetProperty("hintContains", out var h) ? h.GetString() : null))];
    }

    private sealed record ExpectedDiagnostic(string Code, int Line, int? Column, string Severity, string? MessageContains, string? HintContains);
}
