using AtlasGuard.Formats.Config;

namespace AtlasGuard.Formats.Tests.Config;

public class KeyValueFileTests
{
    [Fact]
    public void Properties_ini_and_toml_settings_are_read_with_sections_and_lines()
    {
        var entries = KeyValueFile.Read("""
            # comment
            management_address=http://0.0.0.0:8081
            ! another comment
            [Server]
            enableCORS = false  # trailing comment
            address = "0.0.0.0"
            key: value
            """);

        Assert.Equal(
            [("", "management_address", "http://0.0.0.0:8081", 2), ("server", "enableCORS", "false", 5), ("server", "address", "0.0.0.0", 6), ("server", "key", "value", 7)],
            entries.Select(e => (e.Section, e.Key, e.Value, e.Line)));
    }

    [Fact]
    public void Continued_values_are_joined()
    {
        var entry = Assert.Single(KeyValueFile.Read("allowed_urls=https://a/.*,\\\n  http(s)?://.*"));

        Assert.Equal("https://a/.*,http(s)?://.*", entry.Value);
        Assert.Equal(1, entry.Line);
    }
}
