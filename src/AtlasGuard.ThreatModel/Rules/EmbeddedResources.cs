namespace AtlasGuard.ThreatModel.Rules;

internal static class EmbeddedResources
{
    public static string Read(string name)
    {
        var logical = "AtlasGuard.ThreatModel.Rules." + name;
        using var stream = typeof(EmbeddedResources).Assembly.GetManifestResourceStream(logical)
            ?? throw new InvalidOperationException($"Embedded resource '{logical}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
