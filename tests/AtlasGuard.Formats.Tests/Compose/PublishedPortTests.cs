using System.Text.Json.Nodes;
using AtlasGuard.Formats.Compose;

namespace AtlasGuard.Formats.Tests.Compose;

public class PublishedPortTests
{
    [Theory]
    [InlineData("8265", 8265, "All")]
    [InlineData("8265:8265", 8265, "All")]
    [InlineData("0.0.0.0:8265:8265", 8265, "All")]
    [InlineData("127.0.0.1:8265:8265/tcp", 8265, "Loopback")]
    [InlineData("127.0.0.2:8265:8265", 8265, "Loopback")]
    [InlineData("localhost:8265:8265", 8265, "Loopback")]
    [InlineData("[::1]:5000:5000", 5000, "Loopback")]
    [InlineData("[::]:5000:5000", 5000, "All")]
    [InlineData("10.0.0.5:5000:5000", 5000, "Specific")]
    [InlineData("${BIND}:5000:5000", 5000, "Variable")]
    [InlineData("${BIND:-127.0.0.1}:5000:5000", 5000, "Variable")]
    [InlineData("\"8000-8010:8000-8010\"", 8005, "All")]
    [InlineData("9000-9001:8000-8001/udp", 8001, "All")]
    [InlineData("18265:8265", 8265, "All")]
    public void Short_syntax_gives_the_container_port_and_the_host_binding(string written, int covered, string binding)
    {
        var port = PublishedPort.ParseShort(written);

        Assert.NotNull(port);
        Assert.True(port.Covers(covered));
        Assert.Equal(binding, port.Binding.ToString());
    }

    [Fact]
    public void The_host_side_of_a_short_entry_is_not_the_container_port()
    {
        var port = PublishedPort.ParseShort("18265:8265");

        Assert.NotNull(port);
        Assert.False(port.Covers(18265));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1:2:3:4")]
    [InlineData("99999:99999")]
    [InlineData("8010-8000")]
    [InlineData("[::1]8265")]
    public void Nonsense_is_rejected(string written) => Assert.Null(PublishedPort.ParseShort(written));

    [Theory]
    [InlineData("""{"target": 8265, "published": "8265"}""", "All")]
    [InlineData("""{"target": 8265, "published": 8265, "host_ip": "0.0.0.0", "protocol": "tcp"}""", "All")]
    [InlineData("""{"target": 8265, "host_ip": "127.0.0.1"}""", "Loopback")]
    [InlineData("""{"target": 8265, "host_ip": "::1", "mode": "host"}""", "Loopback")]
    public void Long_syntax_reads_target_and_host_ip(string json, string binding)
    {
        var port = PublishedPort.FromNode(JsonNode.Parse(json));

        Assert.NotNull(port);
        Assert.True(port.Covers(8265));
        Assert.Equal(binding, port.Binding.ToString());
    }

    [Fact]
    public void A_long_entry_without_a_target_is_rejected() =>
        Assert.Null(PublishedPort.FromNode(JsonNode.Parse("""{"published": 8265}""")));
}
