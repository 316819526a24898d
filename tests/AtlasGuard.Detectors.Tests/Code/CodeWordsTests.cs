using AtlasGuard.Detectors.Code;

namespace AtlasGuard.Detectors.Tests.Code;

public class CodeWordsTests
{
    private static readonly CodeWords Words = new(["load", "torch", "verify"]);

    [Theory]
    [InlineData("x = torch.load(path)\n")]
    [InlineData("session.verify = False")]
    [InlineData("reloaded = 1\nload")]
    [InlineData("value = 0xload(path)")]
    [InlineData("éload(path)")]
    [InlineData("loadé(path)")]
    public void A_word_as_an_identifier_or_possibly_one_is_found(string text) => Assert.True(Words.AnyIn(text));

    [Theory]
    [InlineData("")]
    [InlineData("reloaded = unloaded + torches\nverifying = _load\n")]
    [InlineData("print(np.zeros(3))")]
    public void Words_only_inside_longer_names_are_not_found(string text) => Assert.False(Words.AnyIn(text));

    [Fact]
    public void A_word_the_search_cannot_judge_makes_every_text_count() => Assert.True(new CodeWords(["a.b"]).AnyIn("nothing here"));

    [Fact]
    public void Code_without_any_rule_word_is_left_unparsed_and_still_finds_nothing()
    {
        Assert.False(CodeVocabulary.MayMatter("def add(a, b):\n    return a + b\n"));
        Assert.Empty(CodeDetector.Analyze("def add(a, b):\n    return a + b\n"));
        Assert.True(CodeVocabulary.MayMatter("import pickle\npickle.loads(blob)\n"));
        Assert.NotEmpty(CodeDetector.Analyze("import pickle\npickle.loads(blob)\n"));
    }
}
