using System.Collections.Immutable;

namespace AtlasGuard.Core.Rules;

/// <summary>The rules the scan engine itself reports: content it could not finish reading, limits, I/O problems.</summary>
public static class ScanRules
{
    private static readonly Lazy<ImmutableDictionary<string, RuleDescriptor>> Rules = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(ScanRules).Assembly, "AtlasGuard.Core.Rules.scan.json", "AtlasGuard.Core.Rules.help/")
            .ToImmutableDictionary(r => r.Id, StringComparer.Ordinal));

    /// <summary>All scan rules, ordered by id.</summary>
    public static ImmutableArray<RuleDescriptor> All => [.. Rules.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>AG-SCN-001: content could not be read to its end.</summary>
    public static RuleDescriptor ContentNotFullyRead => Rules.Value["AG-SCN-001"];

    /// <summary>AG-SCN-002: file above the size limit.</summary>
    public static RuleDescriptor FileTooLarge => Rules.Value["AG-SCN-002"];

    /// <summary>AG-SCN-003: per-file time limit reached.</summary>
    public static RuleDescriptor ScanTimedOut => Rules.Value["AG-SCN-003"];

    /// <summary>AG-SCN-004: archive depth, size, member count or ratio limit reached.</summary>
    public static RuleDescriptor ArchiveLimitExceeded => Rules.Value["AG-SCN-004"];

    /// <summary>AG-SCN-005: archive damaged or unreadable.</summary>
    public static RuleDescriptor ArchiveDamaged => Rules.Value["AG-SCN-005"];

    /// <summary>AG-SCN-006: encrypted member.</summary>
    public static RuleDescriptor EncryptedMember => Rules.Value["AG-SCN-006"];

    /// <summary>AG-SCN-007: an analysis budget was exhausted.</summary>
    public static RuleDescriptor AnalysisBudgetExceeded => Rules.Value["AG-SCN-007"];

    /// <summary>AG-SCN-008: I/O error.</summary>
    public static RuleDescriptor FileUnreadable => Rules.Value["AG-SCN-008"];

    /// <summary>AG-SCN-009: link out of the root not followed.</summary>
    public static RuleDescriptor LinkNotFollowed => Rules.Value["AG-SCN-009"];

    /// <summary>AG-SCN-010: identified format that cannot be analysed.</summary>
    public static RuleDescriptor FormatNotAnalysed => Rules.Value["AG-SCN-010"];
}
