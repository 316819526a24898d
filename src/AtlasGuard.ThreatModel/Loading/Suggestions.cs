using AtlasGuard.Core.Text;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>"Did you mean" hints: the nearest candidate by edit distance, when it is near enough to be a typo.</summary>
internal static class Suggestions
{
    private static readonly Dictionary<string, string> PhaseAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["data-preparation"] = "data", ["data_preparation"] = "data", ["data-collection"] = "data", ["ingestion"] = "data",
        ["model-training"] = "training", ["model_training"] = "training", ["train"] = "training",
        ["runtime"] = "serving", ["inference"] = "serving", ["production"] = "serving", ["operation"] = "serving",
        ["maintenance"] = "monitoring", ["operations"] = "monitoring", ["observability"] = "monitoring",
        ["design"] = "planning", ["requirements"] = "planning", ["setup"] = "planning",
        ["experimentation"] = "development", ["build"] = "development",
        ["validation"] = "evaluation", ["testing"] = "evaluation",
        ["release"] = "deployment", ["packaging"] = "deployment",
    };

    // Names other vocabularies use for values we spell differently: NIST AI 100-2 goals, CoSAI and Threagile words.
    private static readonly Dictionary<string, string> ValueAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["privacy_compromise"] = "confidentiality", ["privacy"] = "confidentiality",
        ["integrity_violation"] = "integrity", ["availability_breakdown"] = "availability", ["misuse_enablement"] = "abuse",
        ["misuse"] = "abuse", ["semi-trusted"] = "partner", ["third-party"] = "third_party", ["gray_box"] = "grey_box",
        ["mission-critical"] = "mission_critical", ["strictly-confidential"] = "strictly_confidential",
        ["dos"] = "denial_of_service", ["supply-chain"] = "packages", ["label_only"] = "partial",
    };

    /// <summary>Our phase for a name other vocabularies use (CoSAI's <c>runtime</c> is our <c>serving</c>), or null.</summary>
    public static string? PhaseFor(string value) => PhaseAliases.GetValueOrDefault(value);

    /// <summary>Our spelling of a value another vocabulary names (NIST's <c>privacy_compromise</c> is <c>confidentiality</c>), when allowed here.</summary>
    public static string? AliasFor(string value, IReadOnlyCollection<string> allowed) =>
        ValueAliases.TryGetValue(value, out var ours) && allowed.Contains(ours) ? ours : null;

    /// <summary>The nearest candidate, or null when none is close.</summary>
    public static string? Nearest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var normalised = value.Replace('-', '_').ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, normalised, StringComparison.Ordinal))
            {
                return candidate;
            }

            if (value.Length >= 4 && (candidate.StartsWith(normalised, StringComparison.Ordinal) || normalised.StartsWith(candidate, StringComparison.Ordinal)))
            {
                return candidate;
            }

            var distance = EditDistance.Compute(value, candidate, bestDistance);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && bestDistance <= Math.Max(1, Math.Min(value.Length, best.Length) / 3) ? best : null;
    }

    /// <summary>"Did you mean 'x'?" or null.</summary>
    public static string? DidYouMean(string value, IEnumerable<string> candidates) =>
        Nearest(value, candidates) is { } near ? $"Did you mean '{near}'?" : null;


    /// <summary>A short list for a hint: "a, b, c" (at most <paramref name="max"/> items, then "...").</summary>
    public static string List(IReadOnlyCollection<string> values, int max = 20) =>
        string.Join(", ", values.Take(max)) + (values.Count > max ? ", ..." : "");
}
