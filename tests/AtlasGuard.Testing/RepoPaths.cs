namespace AtlasGuard.Testing;

/// <summary>Where the repository and the workplace's shared folder are, found from the test's output folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtlasGuard.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (AtlasGuard.slnx) not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path inside the repository.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The shared folder beside the repository; absent in a plain clone.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A path inside the shared folder.</summary>
    public static string InShared(params string[] parts) => Path.Combine([Shared, .. parts]);
}
