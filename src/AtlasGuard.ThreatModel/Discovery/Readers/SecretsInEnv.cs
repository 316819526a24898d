using AtlasGuard.ThreatModel.Discovery.Draft;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>Sets <c>secrets_in_env</c> where the environment visibly holds credentials (by variable name; values are never copied).</summary>
internal static class SecretsInEnv
{
    private static readonly string[] Markers = ["TOKEN", "SECRET", "PASSWORD", "API_KEY", "ACCESS_KEY", "PRIVATE_KEY", "CREDENTIALS"];

    public static void Apply(DraftComponent component, ServiceConfig config)
    {
        if (!SchemaVocabulary.HasProp(component.Type, "secrets_in_env"))
        {
            return;
        }

        foreach (var (name, (value, line)) in config.Env)
        {
            var upper = name.ToUpperInvariant();
            if (!string.IsNullOrEmpty(value?.Trim('"', '\'')) && Markers.Any(m => upper.Contains(m, StringComparison.Ordinal)))
            {
                component.Set("secrets_in_env", true, $"{name} is set in its environment ({config.Path}:{line})");
                component.AddEvidence(config.Path, line, $"credential variable {name} set in the environment (value not copied)");
                return;
            }
        }
    }
}
