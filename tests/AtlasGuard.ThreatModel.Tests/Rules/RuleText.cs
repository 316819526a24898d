namespace AtlasGuard.ThreatModel.Tests.Rules;

/// <summary>Builds small rules files for tests: one valid rule whose fields can be replaced.</summary>
internal static class RuleText
{
    public const string Header = "apiVersion: atlasguard.dev/threat-rules/v1\nkind: ThreatRules\nrules:\n";

    public static string Rule(
        string id = "TM-TEST-001",
        string techniques = "[AML.T0051.001]",
        string phase = "serving",
        string targets = "[rag_store]",
        string appliesIf = "\"props.untrusted_writes\"",
        string attackerIf = "\"has_model_access('ai_enabled_product')\"",
        string likelihood = "{ base: 2 }",
        string impact = "\"3\"",
        string mitigations = "[AML.M0020]",
        string? extra = null) =>
        $"""
          - id: {id}
            title: Test rule
            techniques: {techniques}
            phase: {phase}
            targets: {targets}
            applies_if: {appliesIf}
            attacker_if: {attackerIf}
            likelihood: {likelihood}
            impact: {impact}
            mitigations: {mitigations}
            rationale: For tests.

        """ + (extra is null ? "" : "    " + extra + "\n");

    public static string File(params string[] rules) => Header + string.Concat(rules);
}
