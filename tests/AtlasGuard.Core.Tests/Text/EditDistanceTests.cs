using AtlasGuard.Core.Text;

namespace AtlasGuard.Core.Tests.Text;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("crop", "corp", 1)]
    [InlineData("apikey", "api_key", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("same", "SAME", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("AML.T0010", "AML.T0001", 1)]
    public void Counts_edits_with_an_adjacent_transposition_as_one(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Compute(a, b));

    [Fact]
    public void Case_counts_when_asked() => Assert.Equal(1, EditDistance.Compute("True", "true", ignoreCase: false));

    [Theory]
    [InlineData("short", "a much longer candidate", 2)]
    [InlineData("abcdef", "uvwxyz", 2)]
    public void Gives_up_beyond_the_limit(string a, string b, int limit) =>
        Assert.Equal(int.MaxValue, EditDistance.Compute(a, b, limit));

    [Fact]
    public void Within_the_limit_the_distance_is_exact() => Assert.Equal(2, EditDistance.Compute("registry", "regsitri", 2));
}
