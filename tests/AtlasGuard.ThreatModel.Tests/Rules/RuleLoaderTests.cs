using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Rules;

namespace AtlasGuard.ThreatModel.Tests.Rules;

public class RuleLoaderTests
{
    private static ThreatModelDiagnostic Single(string text)
    {
        var result = ThreatRuleSet.Load(text, "rules.yaml");
        Assert.Null(result.RuleSet);
        return Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Accepts_a_valid_rule()
    {
        var result = ThreatRuleSet.Load(RuleText.File(RuleText.Rule()), "rules.yaml");

        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        var rule = Assert.Single(result.RuleSet!.Rules);
        Assert.Equal("declared('AML.M0020')", rule.MitigatedWhen.Text);
        Assert.Equal("has_model_access('ai_enabled_product')", rule.AttackerIf.Text);
    }

    [Fact]
    public void Rejects_a_property_typo_with_the_rule_id_the_line_and_a_hint()
    {
        var d = Single(RuleText.File(RuleText.Rule(appliesIf: "\"props.untrusted_write\"")));

        Assert.Equal(RuleDiagnosticCodes.ExpressionVocabulary, d.Code);
        Assert.Contains("TM-TEST-001", d.Message, StringComparison.Ordinal);
        Assert.Contains("untrusted_writes", d.Hint, StringComparison.Ordinal);
        Assert.Equal(9, d.Line);
    }

    [Fact]
    public void Rejects_a_property_of_another_component_type()
    {
        var d = Single(RuleText.File(RuleText.Rule(appliesIf: "\"props.output.type == 'scores'\"")));

        Assert.Equal(RuleDiagnosticCodes.ExpressionVocabulary, d.Code);
    }

    [Fact]
    public void Rejects_an_expression_that_does_not_parse_with_its_offset()
    {
        var d = Single(RuleText.File(RuleText.Rule(appliesIf: "\"props.untrusted_writes and\"")));

        Assert.Equal(RuleDiagnosticCodes.ExpressionSyntax, d.Code);
        Assert.Contains("TM-TEST-001", d.Message, StringComparison.Ordinal);
        Assert.Equal(9, d.Line);
    }

    [Theory]
    [InlineData("\"props.untrusted_writes and and\"")]
    [InlineData("'props.untrusted_writes and and'")]
    [InlineData("props.untrusted_writes and and")]
    public void An_expression_error_points_at_the_column_of_the_offending_word_quoted_or_not(string appliesIf)
    {
        var text = RuleText.File(RuleText.Rule(appliesIf: appliesIf));

        var d = Single(text);

        Assert.Equal(RuleDiagnosticCodes.ExpressionSyntax, d.Code);
        var line = text.Split('\n')[d.Line - 1];
        var secondAnd = line.LastIndexOf("and", StringComparison.Ordinal);
        Assert.Equal(secondAnd + 1, d.Column);
    }

    [Fact]
    public void Rejects_an_unknown_host_function()
    {
        var d = Single(RuleText.File(RuleText.Rule(attackerIf: "\"has_acess('inference_api')\"")));

        Assert.Equal(RuleDiagnosticCodes.ExpressionVocabulary, d.Code);
    }

    [Theory]
    [InlineData("mitigations", "[AML.M9999]", RuleDiagnosticCodes.UnknownMitigation)]
    [InlineData("techniques", "[AML.T9999]", RuleDiagnosticCodes.UnknownTechnique)]
    [InlineData("phase", "runtime", RuleDiagnosticCodes.UnknownPhase)]
    [InlineData("targets", "[rag_stor]", RuleDiagnosticCodes.UnknownTarget)]
    [InlineData("id", "TM-1", RuleDiagnosticCodes.BadId)]
    [InlineData("likelihood", "{ base: 5 }", RuleDiagnosticCodes.LikelihoodRange)]
    [InlineData("likelihood", "{ base: 2, sideways: [] }", RuleDiagnosticCodes.UnknownKey)]
    public void Rejects_a_bad_field(string field, string value, string code)
    {
        var rule = field switch
        {
            "mitigations" => RuleText.Rule(mitigations: value),
            "techniques" => RuleText.Rule(techniques: value),
            "phase" => RuleText.Rule(phase: value),
            "targets" => RuleText.Rule(targets: value),
            "id" => RuleText.Rule(id: value),
            _ => RuleText.Rule(likelihood: value),
        };

        Assert.Equal(code, Single(RuleText.File(rule)).Code);
    }

    [Fact]
    public void Rejects_an_unknown_case_study()
    {
        Assert.Equal(RuleDiagnosticCodes.UnknownCaseStudy, Single(RuleText.File(RuleText.Rule(extra: "precedents: [AML.CS9999]"))).Code);
    }

    [Fact]
    public void Rejects_an_unknown_key_with_a_suggestion()
    {
        var d = Single(RuleText.File(RuleText.Rule(extra: "mitigated_if: \"true\"")));

        Assert.Equal(RuleDiagnosticCodes.UnknownKey, d.Code);
        Assert.Contains("mitigated_when", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_duplicate_ids()
    {
        Assert.Equal(RuleDiagnosticCodes.DuplicateId, Single(RuleText.File(RuleText.Rule(), RuleText.Rule())).Code);
    }

    [Fact]
    public void Rejects_a_wrong_kind()
    {
        var d = Single("apiVersion: atlasguard.dev/threat-rules/v1\nkind: PipelineModel\nrules: []\n");

        Assert.Equal(RuleDiagnosticCodes.Structure, d.Code);
    }

    [Fact]
    public void Reports_every_problem_not_just_the_first()
    {
        var result = ThreatRuleSet.Load(RuleText.File(RuleText.Rule(mitigations: "[AML.M9999]", appliesIf: "\"props.nope\"")), "rules.yaml");

        Assert.Equal(2, result.Diagnostics.Length);
    }
}
