using System.Text;
using System.Text.Json;
using AtlasGuard.Formats.Json;

namespace AtlasGuard.Formats.Tests.Json;

public sealed class JsonStringTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData(@"line one\nline two\n", "line one\nline two\n")]
    [InlineData(@"tab\there \""quoted\"" back\\slash \/ \b\f\r", "tab\there \"quoted\" back\\slash / \b\f\r")]
    [InlineData(@"\u002B\u003Cimg\u003E", "+<img>")]
    [InlineData(@"caf\u00e9 caf\u00E9 café", "café café café")]
    [InlineData(@"\ud83d\ude00 and 😀", "😀 and 😀")]
    [InlineData(@"\\", "\\")]
    [InlineData(@"ends with escape\n", "ends with escape\n")]
    public void Decodes_as_the_serializer_does(string json, string expected)
    {
        var raw = Encoding.UTF8.GetBytes(json);
        Assert.Equal(expected, JsonStringText.Decode(raw));
        Assert.Equal(expected, JsonSerializer.Deserialize<string>("\"" + json + "\""));
    }

    [Fact]
    public void Reads_the_string_the_reader_is_on()
    {
        var reader = new Utf8JsonReader("""["a\nb", "plain"]"""u8);
        reader.Read();
        reader.Read();
        Assert.Equal("a\nb", JsonStringText.Read(ref reader));
        reader.Read();
        Assert.Equal("plain", JsonStringText.Read(ref reader));
    }

    [Fact]
    public void Keeps_a_lone_surrogate_escape_where_the_reader_would_throw()
    {
        var reader = new Utf8JsonReader("""["x\ud800y"]"""u8);
        reader.Read();
        reader.Read();
        Assert.Equal("x\ud800y", JsonStringText.Read(ref reader));
    }

    [Fact]
    public void Replaces_invalid_utf8_between_escapes()
    {
        byte[] raw = [(byte)'a', 0xFF, (byte)'\\', (byte)'n', 0xC3, (byte)'b'];
        Assert.Equal("a\uFFFD\n\uFFFDb", JsonStringText.Decode(raw));
    }

    [Theory]
    [InlineData(@"cut \u12")]
    [InlineData(@"bad \uZZZZ")]
    [InlineData("trailing \\")]
    public void Truncated_or_broken_escapes_give_text_not_an_error(string json)
    {
        var text = JsonStringText.Decode(Encoding.UTF8.GetBytes(json));
        Assert.StartsWith(json[..json.IndexOf('\\', StringComparison.Ordinal)], text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_escaped_output_decodes_whole()
    {
        var expected = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"step {i} loss 0.{i}\n"));
        var json = JsonSerializer.Serialize(expected);
        Assert.Equal(expected, JsonStringText.Decode(Encoding.UTF8.GetBytes(json[1..^1])));
    }
}
