namespace AtlasGuard.Formats;

/// <summary>Identifies the formats assembly.</summary>
public static class FormatsAssembly
{
    /// <summary>The assembly's version string.</summary>
    public static string Version => typeof(FormatsAssembly).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
