using AtlasGuard.Detectors.Secrets;

namespace AtlasGuard.Detectors.Tests.Secrets;

/// <summary>Every credential pattern's inline samples in secret-patterns.json: one test case per sample.</summary>
public sealed class SecretPatternSampleTests
{
    public static TheoryData<string, int, bool> Samples()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var pattern in SecretPatternScanner.BuiltIn.Patterns)
        {
            for (var i = 0; i < pattern.MustMatch.Length; i++)
            {
                data.Add(pattern.Id, i, true);
            }

            for (var i = 0; i < pattern.MustNotMatch.Length; i++)
            {
                data.Add(pattern.Id, i, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Pattern_matches_its_inline_samples(string patternId, int index, bool mustMatch)
    {
        var pattern = SecretPatternScanner.BuiltIn.Patterns.Single(p => p.Id == patternId);
        var sample = mustMatch ? pattern.MustMatch[index] : pattern.MustNotMatch[index];

        var matches = SecretPatternScanner.BuiltIn.Scan(sample, CancellationToken.None);

        Assert.True(matches.Any(m => m.Pattern.Id == patternId) == mustMatch,
            $"{patternId} should {(mustMatch ? "" : "not ")}match sample {index}; matched: {string.Join(", ", matches.Select(m => m.Pattern.Id))}");
    }

    [Fact]
    public void Every_pattern_has_samples_both_ways_and_a_known_rule()
    {
        var rules = SecretRules.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var pattern in SecretPatternScanner.BuiltIn.Patterns)
        {
            Assert.True(pattern.MustMatch.Length > 0 && pattern.MustNotMatch.Length > 0, $"{pattern.Id} needs match and noMatch samples.");
            Assert.Contains(pattern.RuleId, rules);
            Assert.True(pattern.Regex.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking), $"{pattern.Id} must build a non-backtracking regex.");
        }

        Assert.Equal(SecretPatternScanner.BuiltIn.Patterns.Length, SecretPatternScanner.BuiltIn.Patterns.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void A_match_keeps_only_its_value_and_offset()
    {
        const string token = "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";
        var text = $"x = 1\nlogin(token=\"{token}\")\n";

        var match = Assert.Single(SecretPatternScanner.BuiltIn.Scan(text, CancellationToken.None));

        Assert.Equal(token, match.Value);
        Assert.Equal(text.IndexOf(token, StringComparison.Ordinal), match.Start);
        Assert.Equal(3, match.PrefixLength);
    }
}
