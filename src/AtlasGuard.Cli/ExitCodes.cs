namespace AtlasGuard.Cli;

/// <summary>The process exit codes; never negative.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing at or above the --fail-on threshold.</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above the threshold.</summary>
    public const int Findings = 1;

    /// <summary>Usage or configuration error.</summary>
    public const int UsageError = 2;
}
