using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>How bad a diagnostic is: an error makes the document unusable; a warning does not.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The document is loaded, but something looks wrong.</summary>
    Warning,

    /// <summary>The document cannot be used.</summary>
    Error,
}

/// <summary>
/// One problem in a threat-model document: where (file, 1-based line and column; 0 when unknown), a stable
/// <see cref="Code"/> (<c>TM0xx</c>, listed in <see cref="DiagnosticCodes"/>), what is wrong and, when we can tell,
/// how to fix it.
/// </summary>
public sealed record ThreatModelDiagnostic(
    string File,
    int Line,
    int Column,
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    string? Hint)
{
    internal static ThreatModelDiagnostic Error(string file, SourcePosition at, string code, string message, string? hint = null) =>
        new(file, at.Line, at.Column, code, DiagnosticSeverity.Error, message, hint);

    internal static ThreatModelDiagnostic Warning(string file, SourcePosition at, string code, string message, string? hint = null) =>
        new(file, at.Line, at.Column, code, DiagnosticSeverity.Warning, message, hint);

    /// <summary><c>file:line:column: error TM012: message (hint)</c>, the form compilers print.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var hint = Hint is null ? "" : $" (hint: {Hint})";
        return $"{File}:{Line}:{Column}: {severity} {Code}: {Message}{hint}";
    }
}
