using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Expressions;

namespace AtlasGuard.ThreatModel.Tests.Expressions;

public sealed class MissingInformationTests
{
    private const string Data = """
        {"props": {"output": {"kind": "x"}, "explicit": null, "tools": ["a"], "signed": false},
         "model": {"ip_value": "high"}, "attacker": {"goals": ["privacy_compromise"]}}
        """;

    [Theory]
    [InlineData("props.output.type == 'label'", "props.output.type")]
    [InlineData("props.missing.deeper.still == 1", "props.missing.deeper.still")]
    [InlineData("props.output.type in ['scores', 'logits']", "props.output.type")]
    [InlineData("'x' in props.absent", "props.absent")]
    [InlineData("props.absent > 1", "props.absent")]
    [InlineData("props.tools[3] == 'a'", "props.tools[3]")]
    [InlineData("props['no-such'] == 'a'", "props['no-such']")]
    [InlineData("attacker.capabilities.query_access.identities > 1", "attacker.capabilities.query_access.identities")]
    [InlineData("len(props.absent) > 0", "props.absent")]
    [InlineData("lower(props.absent) == 'a'", "props.absent")]
    [InlineData("-props.absent < 0", "props.absent")]
    public void A_member_the_model_lacks_makes_the_outcome_unknown_with_its_full_path(string text, string path)
    {
        var result = Eval.Run(text, Data);

        Assert.True(result.IsUnknown, text);
        Assert.Equal([path], result.MissingPaths);
    }

    [Fact]
    public void An_explicit_null_is_known_and_not_missing()
    {
        Assert.True(Eval.Run("props.explicit == null", Data).IsTrue);
        Assert.True(Eval.Run("props.explicit != 'a'", Data).IsTrue);
        Assert.True(Eval.Run("props.explicit.deeper == null", Data).IsTrue);
        Assert.True(Eval.Run("has(props.explicit) and is_missing(props.absent)", Data).IsTrue);
    }

    [Fact]
    public void Reports_every_missing_path_that_matters_sorted_and_distinct()
    {
        var result = Eval.Run(
            "props.z == 1 or props.a == 2 or props.z == 3 or (props.signed == false and model.m > 1)", Data);

        Assert.Equal(["model.m", "props.a", "props.z"], result.MissingPaths);
    }

    [Fact]
    public void A_missing_list_item_makes_membership_unknown_only_without_a_match()
    {
        Assert.True(Eval.Run("'a' in [props.absent, 'a']", Data).IsTrue);
        var unknown = Eval.Run("'b' in [props.absent, 'a']", Data);
        Assert.Equal(["props.absent"], unknown.MissingPaths);
        Assert.True(Eval.Run("props.absent in []", Data).IsFalse);
    }

    [Fact]
    public void Has_and_is_missing_never_become_unknown()
    {
        Assert.True(Eval.Run("is_missing(props.output.type)", Data).IsTrue);
        Assert.True(Eval.Run("has(props.output.kind)", Data).IsTrue);
        Assert.True(Eval.Run("not has(props.output.type) or props.output.type == 'label'", Data).IsTrue);
    }

    [Fact]
    public void A_root_the_host_reports_as_missing_is_unknown_under_its_member_paths()
    {
        var context = Eval.Context(Data).SetRoot("exposure", ExprValue.Missing("exposure"));

        Assert.Equal(["exposure"], Eval.Run("exposure in ['internet', 'partner']", context).MissingPaths);
        Assert.Equal(["exposure.zone"], Eval.Run("exposure.zone == 'dmz'", context).MissingPaths);
    }

    [Fact]
    public void A_host_function_result_that_is_missing_keeps_the_host_paths()
    {
        var context = Eval.Context(Data).SetFunction("component", _ => ExprValue.Missing("components.db"));

        Assert.Equal(["components.db"], Eval.Run("component().name == 'x'", context).MissingPaths);
    }

    [Fact]
    public void The_example_rule_needs_information_when_the_output_type_is_absent()
    {
        var context = Eval.Context(Data)
            .SetRoot("self", ExprValue.Host("inference-1"))
            .SetFunction("any_asset", args => args[0].IsMissing ? args[0] : ExprValue.True);
        var rule = Expression.Parse(
            "any_asset(model.trained_on, 'contains_pii') and props.output.type in ['scores','logits','embeddings']");

        var result = rule.EvaluateCondition(context);

        Assert.True(result.IsUnknown);
        Assert.Equal(["model.trained_on", "props.output.type"], result.MissingPaths);
        Assert.Equal("unknown (model.trained_on, props.output.type)", result.ToString());
    }

    [Fact]
    public void Reads_json_built_in_code_as_well_as_parsed_json()
    {
        var props = new JsonObject { ["replicas"] = 3, ["ratio"] = 0.5m, ["name"] = "api", ["flag"] = true, ["none"] = null };
        var context = new ExpressionContext().SetRoot("props", ExprValue.FromJson(props));

        Assert.True(Eval.Run("props.replicas == 3 and props.ratio < 1 and props.name == 'api' and props.flag", context).IsTrue);
        Assert.True(Eval.Run("props.none == null and is_missing(props.other)", context).IsTrue);
    }
}
