using System.Runtime.CompilerServices;
using AtlasGuard.Core.Atlas.Update;

namespace AtlasGuard.Cli.Tests;

/// <summary>
/// Keeps the developer's real cache out of the tests: before any test runs, <c>ATLASGUARD_CACHE_DIR</c> points at
/// an empty folder of this test run, so the CLI (in-process, and any process it starts) finds no cached ATLAS
/// release unless a test gives it one with <see cref="CliRunner.RunWithCacheAsync"/>.
/// </summary>
internal static class TestCache
{
    /// <summary>The empty cache folder every test sees by default.</summary>
    public static string EmptyRoot { get; } = Path.Combine(Path.GetTempPath(), $"atlasguard-tests-cache-{Guid.NewGuid():N}");

    /// <summary>A cache with nothing in it.</summary>
    public static AtlasCache Empty => new(EmptyRoot);

    [ModuleInitializer]
    internal static void PointTheCacheAtAnEmptyFolder()
    {
        Directory.CreateDirectory(EmptyRoot);
        Environment.SetEnvironmentVariable(AtlasCache.EnvironmentVariable, EmptyRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(EmptyRoot, recursive: true);
            }
            catch (IOException)
            {
                // A leftover empty folder in the temp directory is harmless.
            }
        };
    }
}
