namespace AtlasGuard.Browser.Tests;

/// <summary>
/// Finds a Chromium to drive: <c>$ATLASGUARD_CHROMIUM</c> when set, else the usual install paths (Debian's
/// <c>chromium</c> package puts it at <c>/usr/bin/chromium</c>; <c>test.sh</c> installs it when missing).
/// </summary>
internal static class ChromiumLocator
{
    public const string EnvironmentVariable = "ATLASGUARD_CHROMIUM";

    private static readonly string[] Candidates =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome-stable",
        "/usr/bin/google-chrome",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        @"C:\Program Files\Google\Chrome\Application\chrome.exe",
    ];

    /// <summary>The executable, or null when there is none.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return Candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>True under CI, where a missing browser is a failure rather than a reason to skip.</summary>
    public static bool UnderCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static string MissingMessage =>
        $"No Chromium found (set {EnvironmentVariable}, or install Debian's chromium package: ./test.sh does it with apt-get when it can).";
}
