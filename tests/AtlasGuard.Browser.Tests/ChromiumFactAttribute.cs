namespace AtlasGuard.Browser.Tests;

/// <summary>
/// A fact that needs a real Chromium. Without one it is skipped with the reason on a developer's machine, but runs
/// (and fails with that reason) under CI, where <c>test.sh</c> must have installed it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ChromiumLocator.Find() is null && !ChromiumLocator.UnderCi)
        {
            Skip = ChromiumLocator.MissingMessage;
        }
    }
}
