using Xunit;

namespace AtlasGuard.Testing;

/// <summary>
/// A fact that needs a file from the shared folder beside the repository. In a plain clone that folder does
/// not exist and the test is skipped with the reason, so the rest of the suite still passes.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute for a path relative to the shared folder.</summary>
    public SharedFactAttribute(string sharedRelativePath)
    {
        if (!File.Exists(RepoPaths.InShared(sharedRelativePath)) && !Directory.Exists(RepoPaths.InShared(sharedRelativePath)))
        {
            Skip = $"Needs ../shared/{sharedRelativePath}, which is not beside this clone.";
        }
    }
}
