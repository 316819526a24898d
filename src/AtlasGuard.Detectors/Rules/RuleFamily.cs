using System.Collections.Immutable;
using AtlasGuard.Core.Rules;

namespace AtlasGuard.Detectors.Rules;

/// <summary>
/// One family's rules, loaded once (on first use) from its embedded <c>Rules/Data/*.json</c> file and the help files.
/// Each family's rules class holds one of these and names its rules by id.
/// </summary>
internal sealed class RuleFamily(string dataFile)
{
    private readonly Lazy<ImmutableDictionary<string, RuleDescriptor>> _rules = new(() =>
        RuleDescriptorLoader.LoadEmbedded(typeof(RuleFamily).Assembly, "AtlasGuard.Detectors.Rules." + dataFile, "AtlasGuard.Detectors.Rules.help/")
            .ToImmutableDictionary(r => r.Id, StringComparer.Ordinal));

    /// <summary>Every rule of the family, by id.</summary>
    public ImmutableArray<RuleDescriptor> All => [.. _rules.Value.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>The rule with this id; a missing id is a bug in the family's data.</summary>
    public RuleDescriptor this[string id] =>
        _rules.Value.TryGetValue(id, out var rule) ? rule : throw new InvalidOperationException($"Rule '{id}' is not defined in {dataFile}.");
}
