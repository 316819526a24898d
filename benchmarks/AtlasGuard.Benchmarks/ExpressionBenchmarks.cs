using System.Text.Json.Nodes;
using AtlasGuard.ThreatModel.Expressions;
using BenchmarkDotNet.Attributes;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// Threat-model rule expressions: parsing one condition, evaluating it against a JsonNode-backed context (the target is
/// well under a microsecond to a few microseconds). <see cref="ExpressionMatrixBenchmarks"/> runs them all as a rule pass.
/// </summary>
public class ExpressionBenchmarks
{
    internal static readonly Dictionary<string, string> ConditionsById = new(StringComparer.Ordinal)
    {
        ["extract-applies"] = "exposure in ['internet','partner'] and model.ip_value in ['medium','high'] "
            + "and model.weights_exposure != 'public'",
        ["extract-attacker"] = "has_access('inference_api', self) or has_access('ai_enabled_product', self)",
        ["evasion-attacker"] = "attacker.knowledge in ['black_box','grey_box'] and has_access('inference_api', self) "
            + "and attacker.capabilities.testing_data_control != 'none'",
        ["registry-unknown"] = "props.signing == false or props.immutable_versions == false or props.pins_digests == false",
        ["supply-chain"] = "'supply-chain' in attacker.actor_access or 'privileged' in attacker.actor_access "
            + "or attacker.capabilities.resource_control != 'none'",
        ["conditional-max"] = "max(len(props.tools), attacker.capabilities.query_access.identities) > 1 "
            + "? lower(model.decision_use) == 'security' : false",
    };

    private Expression _expression = null!;
    private ExpressionContext _context = null!;

    [ParamsSource(nameof(Conditions))]
    public string Condition { get; set; } = "";

    public static IEnumerable<string> Conditions => ConditionsById.Keys;

    [GlobalSetup]
    public void Setup()
    {
        _expression = Expression.Parse(ConditionsById[Condition]);
        _context = CreateContext(0, 0);
        if (_expression.EvaluateCondition(_context).Value.Kind is not (ExprValueKind.Bool or ExprValueKind.Missing))
        {
            throw new InvalidOperationException(Condition);
        }
    }

    [Benchmark(Description = "Expression.Parse")]
    public Expression Parse() => Expression.Parse(ConditionsById[Condition]);

    [Benchmark(Description = "Expression.Evaluate")]
    public ExpressionResult Evaluate() => _expression.Evaluate(_context);

    internal static ExpressionContext CreateContext(int component, int attacker)
    {
        var document = JsonNode.Parse($$$"""
            {
              "props": {"output": {"type": "scores"}, "tools": ["search", "mail", "shell"], "reads_untrusted_content": true,
                        "human_approval": "none", "provenance": "third_party", "replicas": {{{component % 7}}}},
              "model": {"ip_value": "{{{(component % 3 == 0 ? "high" : "low")}}}", "weights_exposure": "private",
                        "trained_on": ["customers", "tickets"], "decision_use": "Security"},
              "attacker": {"knowledge": "{{{(attacker % 2 == 0 ? "black_box" : "white_box")}}}",
                           "goals": ["privacy_compromise", "cost_abuse"], "actor_access": ["external", "user"],
                           "capabilities": {"query_access": {"identities": {{{attacker}}}}, "testing_data_control": "partial",
                                            "resource_control": "none"}}
            }
            """)!.AsObject();
        var access = attacker % 2 == 0 ? "inference_api" : "ai_enabled_product";
        var context = new ExpressionContext()
            .SetRoot("exposure", ExprValue.String(component % 2 == 0 ? "internet" : "internal"))
            .SetRoot("self", ExprValue.Host($"component-{component}"))
            .SetFunction("has_access", args => ExprValue.Bool(args[0].Kind == ExprValueKind.String && args[0].AsString() == access));
        foreach (var (name, node) in document)
        {
            context.SetRoot(name, ExprValue.FromJson(node));
        }

        return context;
    }
}

/// <summary>
/// A rule pass: the six conditions of <see cref="ExpressionBenchmarks"/>, parsed once, over 500 components x 10 attackers
/// (30,000 evaluations, each context with its own JsonNode tree).
/// </summary>
public class ExpressionMatrixBenchmarks
{
    private Expression[] _expressions = [];
    private ExpressionContext[] _contexts = [];

    [GlobalSetup]
    public void Setup()
    {
        _expressions = [.. ExpressionBenchmarks.ConditionsById.Values.Select(text => Expression.Parse(text))];
        _contexts =
        [
            .. Enumerable.Range(0, 500).SelectMany(c => Enumerable.Range(0, 10).Select(a => ExpressionBenchmarks.CreateContext(c, a))),
        ];
    }

    [Benchmark(Description = "6 conditions x 500 components x 10 attackers")]
    public int Matrix()
    {
        var unknown = 0;
        foreach (var context in _contexts)
        {
            foreach (var expression in _expressions)
            {
                unknown += expression.Evaluate(context).IsUnknown ? 1 : 0;
            }
        }

        return unknown;
    }
}
