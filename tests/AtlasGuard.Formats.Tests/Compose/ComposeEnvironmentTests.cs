using System.Text.Json.Nodes;
using AtlasGuard.Formats.Compose;

namespace AtlasGuard.Formats.Tests.Compose;

public class ComposeEnvironmentTests
{
    [Fact]
    public void A_map_and_a_list_give_the_same_entries()
    {
        var map = ComposeEnvironment.Read(JsonNode.Parse("""{"OLLAMA_HOST": "0.0.0.0", "EMPTY": ""}"""), "/env");
        var list = ComposeEnvironment.Read(JsonNode.Parse("""["OLLAMA_HOST=0.0.0.0", "EMPTY=", "ONLY_NAME"]"""), "/env");

        Assert.Equal([("OLLAMA_HOST", "0.0.0.0"), ("EMPTY", "")], map.Select(e => (e.Name, e.Value)));
        Assert.Equal([("OLLAMA_HOST", "0.0.0.0"), ("EMPTY", ""), ("ONLY_NAME", null)], list.Select(e => (e.Name, e.Value)));
        Assert.Equal("/env/2", list[2].Pointer);
    }

    [Theory]
    [InlineData("docker-compose.yml", true)]
    [InlineData("docker-compose.prod.yaml", true)]
    [InlineData("compose.yaml", true)]
    [InlineData("compose.override.yml", true)]
    [InlineData("stack.compose.yaml", true)]
    [InlineData("compose-gpu.yml", true)]
    [InlineData("values.yaml", false)]
    [InlineData("docker-compose.yml.bak", false)]
    public void Compose_file_names_are_recognised(string name, bool expected) => Assert.Equal(expected, ComposeEnvironment.IsComposeFileName(name));

    [Theory]
    [InlineData("${AIRFLOW_IMAGE_NAME:-apache/airflow:2.9.3}", "apache/airflow:2.9.3")]
    [InlineData("${PASSWORD-airflow}", "airflow")]
    [InlineData("${PASSWORD:?required}", "${PASSWORD:?required}")]
    [InlineData("prefix-${TAG}", "prefix-${TAG}")]
    [InlineData("${UNCLOSED", "${UNCLOSED")]
    public void Interpolation_reads_defaults(string value, string expected) => Assert.Equal(expected, ComposeInterpolation.DefaultOf(value));
}
