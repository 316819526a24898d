using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Detectors.Secrets;

/// <summary>
/// One credential shape from <c>Rules/Data/secret-patterns.json</c>: either a token with a fixed literal prefix
/// (found wherever the prefix starts a token), or a shapeless value that only counts after one of its keywords on
/// the same line. The regular expression runs only on a small window around a prefix or keyword hit, and always
/// with the non-backtracking engine.
/// </summary>
internal sealed class SecretPattern
{
    /// <summary>How far after the end of a keyword the value may start.</summary>
    public const int DefaultKeywordDistance = 40;

    private readonly Lazy<Regex> _regex;

    public SecretPattern(SecretPatternJson json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Id = json.Id ?? throw new InvalidOperationException("A secret pattern has no id.");
        RuleId = json.Rule ?? throw new InvalidOperationException($"Secret pattern {Id} has no rule.");
        Provider = json.Provider ?? throw new InvalidOperationException($"Secret pattern {Id} has no provider.");
        Prefixes = [.. json.Prefixes ?? []];
        KeywordsAsWritten = [.. json.Keywords ?? []];
        Keywords = [.. KeywordsAsWritten.Select(k => k.ToLowerInvariant())];
        if (Prefixes.IsEmpty == Keywords.IsEmpty)
        {
            throw new InvalidOperationException($"Secret pattern {Id} needs either prefixes or keywords.");
        }

        // Built when an anchor first needs it: most scans meet few of the patterns, and building all the
        // non-backtracking automata up front cost about 0.1 s on every run (every pattern's samples build it in the tests).
        var source = json.Regex ?? throw new InvalidOperationException($"Secret pattern {Id} has no regex.");
        _regex = new Lazy<Regex>(() => new Regex(source, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant));
        MaxLength = json.MaxLength > 0 ? json.MaxLength : throw new InvalidOperationException($"Secret pattern {Id} has no maxLength.");
        LookBehind = json.LookBehind;
        KeywordDistance = json.KeywordDistance ?? DefaultKeywordDistance;
        MinEntropy = json.MinEntropy;
        MinClasses = json.MinClasses;
        Severity = json.Severity is null ? null
            : SeverityNames.TryParse(json.Severity, out var s) ? s : throw new InvalidOperationException($"Secret pattern {Id}: bad severity.");
        Allow = (json.Allow ?? []).ToImmutableHashSet(StringComparer.Ordinal);
        Requires = [.. json.Requires ?? []];
        Validator = json.Validator;
        MustMatch = [.. json.Samples?.Match ?? []];
        MustNotMatch = [.. json.Samples?.NoMatch ?? []];
    }

    public string Id { get; }

    public string RuleId { get; }

    /// <summary>What the credential is, for messages ("Hugging Face user access token").</summary>
    public string Provider { get; }

    /// <summary>Literal token prefixes (case-sensitive); empty for keyword patterns.</summary>
    public ImmutableArray<string> Prefixes { get; }

    /// <summary>Lower-case keywords that must precede the value on its line; empty for prefix patterns.</summary>
    public ImmutableArray<string> Keywords { get; }

    /// <summary>The keywords in their usual spelling (e.g. <c>AccountKey=</c>), searched as written, lower- and upper-case.</summary>
    public ImmutableArray<string> KeywordsAsWritten { get; }

    public bool IsKeywordPattern => !Keywords.IsEmpty;

    public Regex Regex => _regex.Value;

    /// <summary>The longest match, which bounds the window the regex sees.</summary>
    public int MaxLength { get; }

    /// <summary>How many characters of the token may come before the prefix (for markers inside a token).</summary>
    public int LookBehind { get; }

    public int KeywordDistance { get; }

    /// <summary>The least Shannon entropy (bits per character) of the value after its prefix.</summary>
    public double MinEntropy { get; }

    /// <summary>The least number of character classes (lower, upper, digit) in the value after its prefix.</summary>
    public int MinClasses { get; }

    /// <summary>A severity other than the rule's default, when the shape tells (admin keys, upload tokens).</summary>
    public Severity? Severity { get; }

    /// <summary>Documented example values that are never findings.</summary>
    public ImmutableHashSet<string> Allow { get; }

    /// <summary>Strings that must also occur in the same text (case-insensitive), e.g. an Azure OpenAI host.</summary>
    public ImmutableArray<string> Requires { get; }

    /// <summary>A structural check in code, by name ("neptune").</summary>
    public string? Validator { get; }

    public ImmutableArray<string> MustMatch { get; }

    public ImmutableArray<string> MustNotMatch { get; }
}

internal sealed class SecretPatternJson
{
    public string? Id { get; set; }

    public string? Rule { get; set; }

    public string? Provider { get; set; }

    public string[]? Prefixes { get; set; }

    public string[]? Keywords { get; set; }

    public string? Regex { get; set; }

    public int MaxLength { get; set; }

    public int LookBehind { get; set; }

    public int? KeywordDistance { get; set; }

    public double MinEntropy { get; set; }

    public int MinClasses { get; set; }

    public string? Severity { get; set; }

    public string[]? Allow { get; set; }

    public string[]? Requires { get; set; }

    public string? Validator { get; set; }

    public SecretSamplesJson? Samples { get; set; }
}

internal sealed class SecretSamplesJson
{
    public string[]? Match { get; set; }

    public string[]? NoMatch { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SecretPatternJson[]))]
internal sealed partial class SecretPatternJsonContext : JsonSerializerContext;
