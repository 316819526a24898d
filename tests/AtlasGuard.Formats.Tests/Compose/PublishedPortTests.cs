using AtlasGuard.Formats.Compose;

namespace AtlasGuard.Formats.Tests.Compose;

public class PublishedPortTests
{
    [Theory]
    [InlineData("8265", 8265, "All")]
    [InlineData("8265:8265", 8265, "All")]
    [InlineData("0.0.0.0:8265:8265", 8265, "All")]
    [InlineData("127.0.0.1:8265:8265/tcp", 8265, "Loopback")]
    [InlineData("[::1]:5000:5000", 5000, "Loopback")]
    [InlineData("10.0.0.5:5000:5000", 5000, "Specific")]
    [InlineData("${BIND}:5000:5000", 5000, "Variable")]
    [InlineData("\"8000-8010:8000-8010\"", 8005, "All")]
    public void Short_syntax_gives_the_container_port_and_the_host_binding(string written, int covered, string binding)
    {
        var port = PublishedPort.ParseShort(written);

        Assert.NotNull(port);
        Assert.True(port.Covers(covered));
        Assert.Equal(binding, port.Binding.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1:2:3:4")]
    [InlineData("99999:99999")]
    public void Nonsense_is_rejected(string written) => Assert.Null(PublishedPort.ParseShort(written));
}
