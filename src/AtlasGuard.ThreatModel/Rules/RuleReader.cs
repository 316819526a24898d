using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Findings;
using AtlasGuard.ThreatModel.Expressions;
using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Rules;

/// <summary>Reads and checks one rule entry; collects diagnostics instead of stopping at the first.</summary>
internal sealed partial class RuleReader(string file, SourceMap map, List<ThreatModelDiagnostic> diagnostics, AtlasCatalog catalog)
{
    private static readonly string[] RuleKeys =
    [
        "id", "title", "techniques", "phase", "targets", "applies_if", "attacker_if", "likelihood", "impact",
        "mitigations", "mitigated_when", "precedents", "evidence", "rationale",
    ];

    private static readonly string[] LikelihoodKeys = ["base", "up", "down"];

    private string _ruleId = "";
    private bool _validate = true;

    public ThreatRule? ReadRule(JsonObject node, string pointer)
    {
        var before = diagnostics.Count;
        CheckKeys(node, pointer, RuleKeys);
        var id = RequiredString(node, pointer, "id") ?? "";
        _ruleId = id;
        if (id.Length > 0 && !IdPattern().IsMatch(id))
        {
            Error(pointer + "/id", RuleDiagnosticCodes.BadId, $"Rule id '{id}' is not of the form TM-AREA-NNN.", "For example TM-INFRA-001.");
        }

        var title = RequiredString(node, pointer, "title") ?? "";
        var rationale = RequiredString(node, pointer, "rationale") ?? "";
        var techniques = Ids(node, pointer, "techniques", required: true, id => catalog.FindTechnique(id) is not null,
            RuleDiagnosticCodes.UnknownTechnique, "ATLAS technique", catalog.Techniques.Select(t => t.Id));
        var mitigations = Ids(node, pointer, "mitigations", required: true, id => catalog.FindMitigation(id) is not null,
            RuleDiagnosticCodes.UnknownMitigation, "ATLAS mitigation", catalog.Mitigations.Select(m => m.Id));
        var precedents = Ids(node, pointer, "precedents", required: false, id => catalog.FindCaseStudy(id) is not null,
            RuleDiagnosticCodes.UnknownCaseStudy, "ATLAS case study", catalog.CaseStudies.Select(c => c.Id));
        var evidence = Ids(node, pointer, "evidence", required: false, _ => true, "", "", []);
        var phase = Phase(node, pointer);
        var targetErrors = diagnostics.Count;
        var targets = Targets(node, pointer);

        // With a wrong target the property names cannot be judged; report the target only.
        _validate = diagnostics.Count == targetErrors;
        var vocabulary = RuleVocabulary.For(targets);

        var appliesIf = Expr(node, pointer, "applies_if", vocabulary, null);
        var attackerIf = Expr(node, pointer, "attacker_if", vocabulary, "true");
        var impact = Expr(node, pointer, "impact", vocabulary, null);
        var defaultMitigated = mitigations.IsEmpty ? "false" : string.Join(" or ", mitigations.Select(m => $"declared('{m}')"));
        var mitigatedWhen = Expr(node, pointer, "mitigated_when", vocabulary, defaultMitigated);
        var (likelihoodBase, up, down) = Likelihood(node, pointer, vocabulary);

        if (diagnostics.Count > before || appliesIf is null || attackerIf is null || impact is null || mitigatedWhen is null || phase is null)
        {
            return null;
        }

        return new ThreatRule
        {
            Id = id, Title = title, Techniques = techniques, Phase = phase.Value, Targets = targets,
            AppliesIf = appliesIf, AttackerIf = attackerIf, LikelihoodBase = likelihoodBase,
            LikelihoodUp = up, LikelihoodDown = down, Impact = impact, Mitigations = mitigations,
            MitigatedWhen = mitigatedWhen, Precedents = precedents, Evidence = evidence, Rationale = rationale,
            Position = map.ValueAt(pointer),
        };
    }

    public void CheckKeys(JsonObject node, string pointer, string[] allowed)
    {
        foreach (var (key, _) in node)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                Error(SourceMap.Child(pointer, key), RuleDiagnosticCodes.UnknownKey, $"Unknown key '{key}'.",
                    Suggestions.DidYouMean(key, allowed), key: true);
            }
        }
    }

    public void Error(string pointer, string code, string message, string? hint, bool key = false)
    {
        var prefix = _ruleId.Length > 0 ? $"Rule {_ruleId}: " : "";
        var at = key ? map.KeyAt(pointer) : map.ValueAt(pointer);
        diagnostics.Add(ThreatModelDiagnostic.Error(file, at, code, prefix + message, hint));
    }

    private string? RequiredString(JsonObject node, string pointer, string key)
    {
        if (Loading.Json.Str(node, key) is { Length: > 0 } value)
        {
            return value;
        }

        Error(node.ContainsKey(key) ? SourceMap.Child(pointer, key) : pointer, node.ContainsKey(key) ? RuleDiagnosticCodes.BadValue : RuleDiagnosticCodes.MissingKey,
            $"'{key}' must be a non-empty string.", null);
        return null;
    }

    private ImmutableArray<string> Ids(JsonObject node, string pointer, string key, bool required, Func<string, bool> exists,
        string code, string what, IEnumerable<string> known)
    {
        var child = SourceMap.Child(pointer, key);
        if (node[key] is not JsonArray array || (required && array.Count == 0))
        {
            if (required || node.ContainsKey(key))
            {
                Error(node.ContainsKey(key) ? child : pointer, node.ContainsKey(key) ? RuleDiagnosticCodes.BadValue : RuleDiagnosticCodes.MissingKey,
                    $"'{key}' must be a {(required ? "non-empty " : "")}list.", null);
            }

            return [];
        }

        var result = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var item = SourceMap.Child(child, i);
            if (array[i] is not JsonValue v || !v.TryGetValue<string>(out var id))
            {
                Error(item, RuleDiagnosticCodes.BadValue, $"Each item of '{key}' must be a string.", null);
                continue;
            }

            if (!exists(id))
            {
                var source = what.StartsWith("ATLAS", StringComparison.Ordinal) ? $" (catalog {catalog.Version})" : "";
                Error(item, code, $"Unknown {what} '{id}'{source}.", Suggestions.DidYouMean(id, known));
            }

            result.Add(id);
        }

        return result.ToImmutable();
    }

    private MlopsPhase? Phase(JsonObject node, string pointer)
    {
        if (RequiredString(node, pointer, "phase") is not { } text)
        {
            return null;
        }

        if (WireNames.TryParse<MlopsPhase>(text, out var phase) && phase.ToWireName() == text)
        {
            return phase;
        }

        Error(pointer + "/phase", RuleDiagnosticCodes.UnknownPhase, $"Unknown phase '{text}'.",
            Suggestions.DidYouMean(text, Enum.GetValues<MlopsPhase>().Select(p => p.ToWireName())));
        return null;
    }

    private ImmutableArray<ComponentType> Targets(JsonObject node, string pointer)
    {
        var names = Enum.GetValues<ComponentType>().Select(t => t.ToWireName()).ToArray();
        var ids = Ids(node, pointer, "targets", required: true, id => names.Contains(id, StringComparer.Ordinal),
            RuleDiagnosticCodes.UnknownTarget, "component type", names);
        return [.. ids.Where(id => names.Contains(id, StringComparer.Ordinal)).Select(id => WireNames.TryParse<ComponentType>(id, out var t) ? t : default)];
    }

    private (int Base, ImmutableArray<Expression> Up, ImmutableArray<Expression> Down) Likelihood(
        JsonObject node, string pointer, ExpressionVocabulary vocabulary)
    {
        var child = pointer + "/likelihood";
        if (node["likelihood"] is not JsonObject likelihood)
        {
            Error(node.ContainsKey("likelihood") ? child : pointer, RuleDiagnosticCodes.MissingKey, "'likelihood' must be a mapping with 'base'.", null);
            return (1, [], []);
        }

        CheckKeys(likelihood, child, LikelihoodKeys);
        var value = Loading.Json.Long(likelihood, "base");
        if (value is not (>= 1 and <= 4))
        {
            Error(child + "/base", RuleDiagnosticCodes.LikelihoodRange, "likelihood.base must be a whole number from 1 to 4.", null);
        }

        return ((int)(value ?? 1), ExprList(likelihood, child, "up", vocabulary), ExprList(likelihood, child, "down", vocabulary));
    }

    private ImmutableArray<Expression> ExprList(JsonObject node, string pointer, string key, ExpressionVocabulary vocabulary)
    {
        if (node[key] is null)
        {
            return [];
        }

        if (node[key] is not JsonArray array)
        {
            Error(SourceMap.Child(pointer, key), RuleDiagnosticCodes.BadValue, $"'{key}' must be a list of expressions.", null);
            return [];
        }

        var result = ImmutableArray.CreateBuilder<Expression>();
        for (var i = 0; i < array.Count; i++)
        {
            if (ParseAt(array[i], SourceMap.Child(SourceMap.Child(pointer, key), i), vocabulary) is { } expression)
            {
                result.Add(expression);
            }
        }

        return result.ToImmutable();
    }

    private Expression? Expr(JsonObject node, string pointer, string key, ExpressionVocabulary vocabulary, string? fallback)
    {
        if (!node.ContainsKey(key))
        {
            if (fallback is null)
            {
                Error(pointer, RuleDiagnosticCodes.MissingKey, $"'{key}' is required.", null);
                return null;
            }

            return Expression.Parse(fallback);
        }

        return ParseAt(node[key], SourceMap.Child(pointer, key), vocabulary);
    }

    private Expression? ParseAt(JsonNode? node, string pointer, ExpressionVocabulary vocabulary)
    {
        if (node is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            Error(pointer, RuleDiagnosticCodes.BadValue, "An expression must be a string.", null);
            return null;
        }

        if (!Expression.TryParse(text, out var expression, out var error))
        {
            ErrorAt(pointer, error!.Position, RuleDiagnosticCodes.ExpressionSyntax, error.Reason, error.Hint);
            return null;
        }

        foreach (var problem in _validate ? expression!.Validate(vocabulary) : [])
        {
            ErrorAt(pointer, problem.Position, RuleDiagnosticCodes.ExpressionVocabulary, problem.Message, problem.Hint);
        }

        return expression;
    }

    private void ErrorAt(string pointer, int offset, string code, string message, string? hint)
    {
        // The position is where the scalar's text starts (past a quote) plus the offset inside the expression: exact for
        // one-line plain and quoted scalars without escapes before the offset.
        var at = map.ContentAt(pointer);
        var position = new SourcePosition(at.Line, at.Column + offset);
        diagnostics.Add(ThreatModelDiagnostic.Error(file, position, code, $"Rule {_ruleId}: {message} (at offset {offset} of the expression)", hint));
    }

    [GeneratedRegex("^TM-[A-Z]{2,8}-[0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
