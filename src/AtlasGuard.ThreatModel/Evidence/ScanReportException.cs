namespace AtlasGuard.ThreatModel.Evidence;

/// <summary>A saved scan report that cannot be used as evidence; the message says why.</summary>
public sealed class ScanReportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScanReportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ScanReportException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public ScanReportException()
    {
    }
}
