using AtlasGuard.Formats.Shell;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>How a service is started, as a compose file or manifest writes it: command words and environment.</summary>
internal sealed class ServiceConfig(string path)
{
    public string Path { get; } = path;

    public List<string> Words { get; } = [];

    public int CommandLine { get; set; }

    public SortedDictionary<string, (string? Value, int Line)> Env { get; } = new(StringComparer.Ordinal);

    public string CommandText => string.Join(' ', Words);

    /// <summary>The value of a flag: <c>--name=value</c>, <c>--name value</c>, or "true" for a bare switch; null when absent.</summary>
    public string? Flag(string name) => CommandFlags.Value(Words, name);
}
