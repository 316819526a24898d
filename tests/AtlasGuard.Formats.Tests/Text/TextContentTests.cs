using System.Text;
using AtlasGuard.Formats.Text;

namespace AtlasGuard.Formats.Tests.Text;

public class TextContentTests
{
    [Fact]
    public async Task A_file_over_the_bound_is_read_to_the_bound_and_marked_truncated()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 1_000)));

        var content = await TextContent.ReadAsync(stream, 100);

        Assert.True(content.Truncated);
        Assert.Equal(100, content.Text.Length);
    }

    [Theory]
    [InlineData(100, 100, false)]
    [InlineData(1_000, 100, true)]
    [InlineData(200_000, 150_000, true)]
    [InlineData(200_000, 300_000, false)]
    public async Task A_pooled_read_of_an_unseekable_stream_keeps_the_bound_and_gives_the_buffer_back(int size, int bound, bool truncated)
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', size));
        using var stream = new OneWayStream(bytes);

        var content = await TextContent.ReadAsync(stream, bound, System.Buffers.ArrayPool<byte>.Shared);

        Assert.Equal(truncated, content.Truncated);
        Assert.Equal(Math.Min(size, bound), content.Text.Length);
        Assert.Equal(Math.Min(size, bound), content.Bytes.Length);
        content.Release();
        Assert.True(content.Bytes.IsEmpty);
    }

    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task A_file_at_the_bound_is_not_truncated()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 100)));

        var content = await TextContent.ReadAsync(stream, 100);

        Assert.False(content.Truncated);
        Assert.Equal(100, content.Text.Length);
    }

    [Fact]
    public void Nul_bytes_mark_a_file_binary_and_give_no_text()
    {
        var content = TextContent.FromBytes(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2 });

        Assert.True(content.LooksBinary);
        Assert.Empty(content.Text);
    }

    [Fact]
    public void Invalid_utf8_in_text_is_replaced_not_fatal()
    {
        var content = TextContent.FromBytes((byte[])[.. "key = 'a"u8, 0xff, 0xfe, .. "b'\n"u8]);

        Assert.False(content.LooksBinary);
        Assert.Equal(2, content.InvalidBytes);
        Assert.StartsWith("key = 'a\uFFFD", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_is_dropped()
    {
        Assert.Equal("x", TextContent.FromBytes(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'x' }).Text);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(2, 1, 3)]
    [InlineData(3, 2, 1)]
    [InlineData(7, 3, 1)]
    public void Line_index_maps_offsets_to_lines_and_columns(int offset, int line, int column)
    {
        var index = new LineIndex("ab\ncd\r\nef");

        Assert.Equal((line, column), index.At(offset));
        Assert.Equal(3, index.LineCount);
    }
}
