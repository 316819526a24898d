namespace AtlasGuard.Core.Findings;

/// <summary>How bad a finding is. The numeric order is the order of severity.</summary>
public enum Severity
{
    /// <summary>Worth knowing; no action required.</summary>
    Info = 0,

    /// <summary>A weakness with little direct impact.</summary>
    Low = 1,

    /// <summary>A weakness or an inconclusive result that deserves a look.</summary>
    Medium = 2,

    /// <summary>A serious weakness or a likely attack.</summary>
    High = 3,

    /// <summary>An attack that would run code or leak control when the artifact is used.</summary>
    Critical = 4,
}

/// <summary>Parsing and formatting of <see cref="Severity"/> in its lower-case wire form.</summary>
public static class SeverityNames
{
    /// <summary>The lower-case name used in every output format ("critical", "high", ...).</summary>
    public static string ToWireName(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    /// <summary>Parses a severity name, case-insensitively; also accepts "none" as no threshold.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        severity = Severity.Info;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "INFO": severity = Severity.Info; return true;
            case "LOW": severity = Severity.Low; return true;
            case "MEDIUM": severity = Severity.Medium; return true;
            case "HIGH": severity = Severity.High; return true;
            case "CRITICAL": severity = Severity.Critical; return true;
            default: return false;
        }
    }
}
