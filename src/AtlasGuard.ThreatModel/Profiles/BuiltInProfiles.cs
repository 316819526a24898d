using System.Collections.Immutable;
using AtlasGuard.ThreatModel.Loading;

namespace AtlasGuard.ThreatModel.Profiles;

/// <summary>The attacker profiles AtlasGuard ships (Profiles/Data/builtin-profiles.yaml, embedded and validated by the same schema).</summary>
public static class BuiltInProfiles
{
    /// <summary>The name diagnostics use for the embedded file.</summary>
    public const string SourceName = "builtin:attacker-profiles.yaml";

    private const string ResourceName = "AtlasGuard.ThreatModel.Profiles.builtin-profiles.yaml";

    private static readonly Lazy<ImmutableArray<AttackerProfile>> Profiles = new(Load);

    /// <summary>All built-in profiles in file order.</summary>
    public static ImmutableArray<AttackerProfile> All => Profiles.Value;

    /// <summary>The built-in profile with this id, or null.</summary>
    public static AttackerProfile? Find(string id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>The embedded file's text.</summary>
    public static string Text
    {
        get
        {
            using var stream = typeof(BuiltInProfiles).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    private static ImmutableArray<AttackerProfile> Load()
    {
        var result = ThreatModelLoader.LoadProfiles(Text, SourceName, null, ProfileOrigin.BuiltIn);
        return result.HasErrors
            ? throw new InvalidOperationException("The built-in attacker profiles do not validate: " + string.Join("; ", result.Diagnostics))
            : result.Profiles;
    }
}
