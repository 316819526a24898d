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
    public string? Flag(string name)
    {
        for (var i = 0; i < Words.Count; i++)
        {
            var word = Words[i].Trim('"', '\'');
            if (word.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return Words[i][(Words[i].IndexOf('=', StringComparison.Ordinal) + 1)..].TrimEnd('"', '\'', ',', ']');
            }

            if (word == name)
            {
                return i + 1 < Words.Count && !Words[i + 1].StartsWith('-') ? Words[i + 1].TrimEnd(',', ']') : "true";
            }
        }

        return null;
    }
}
