using System.Collections.Immutable;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Core.Configuration;

/// <summary>
/// What a project may configure: excludes, severity overrides, suppressions with reasons, and extra
/// callables its own model files legitimately import. Read only from a file the user names: a configuration
/// found inside a scanned tree is never trusted, because whoever wrote the tree could silence the scan.
/// </summary>
public sealed record AtlasGuardConfig
{
    /// <summary>The empty configuration.</summary>
    public static AtlasGuardConfig Empty { get; } = new();

    /// <summary>Where the configuration was read from, for messages.</summary>
    public string? Source { get; init; }

    /// <summary>gitignore-style patterns of paths to skip.</summary>
    public ImmutableArray<string> Excludes { get; init; } = [];

    /// <summary>Severity per rule id, replacing the rule's default.</summary>
    public ImmutableDictionary<string, Severity> SeverityOverrides { get; init; } =
        ImmutableDictionary<string, Severity>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Findings to drop, each with a reason.</summary>
    public ImmutableArray<Suppression> Suppressions { get; init; } = [];

    /// <summary>
    /// Callables (<c>module.Name</c>, or <c>module.*</c> for a whole module) that the project's pickles may
    /// import; they are treated as safe constructors. Dangerous callables can never be allowed.
    /// </summary>
    public ImmutableArray<string> AllowedPickleGlobals { get; init; } = [];
}

/// <summary>A reasoned decision to not report some findings.</summary>
public sealed record Suppression
{
    /// <summary>The rule to suppress, or null for any rule.</summary>
    public string? RuleId { get; init; }

    /// <summary>gitignore-style pattern of paths, or null for any path.</summary>
    public string? Path { get; init; }

    /// <summary>A single finding's fingerprint, or null.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Why; required.</summary>
    public required string Reason { get; init; }

    /// <summary>The last day the suppression applies; null for no expiry.</summary>
    public DateOnly? Expires { get; init; }
}
